import Fluent
import Vapor

/// Turns every thrown error into a response a person or a program can act on: an HTML page for
/// the site, a problem document for the API. Unknown errors are logged and shown without detail.
///
/// The middleware on every request's path are written with futures, not `async`: each
/// `AsyncMiddleware` starts a task of its own and hops threads twice, which cost more than a
/// page's queries. They go `async` only where they must wait (here: only for an error).
struct SiteErrorMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).flatMapError { error in
            req.eventLoop.makeFutureWithTask { await self.response(for: error, to: req) }
        }
    }

    private func response(for error: any Error, to req: Request) async -> Response {
        var status: HTTPResponseStatus
        var detail: String
        var fieldErrors = FormErrors()
        var headers = HTTPHeaders()
        var error = error
        // No route for this method: if the path exists with other methods, say which (405).
        if error is RouteNotFound, let allowed = req.application.allowedMethods?.methods(for: req.url.path) {
            error = Abort(.methodNotAllowed, headers: ["Allow": allowed.joined(separator: ", ")],
                          reason: "This address answers \(allowed.joined(separator: ", ")), not \(req.method.rawValue).")
        }
        // A unique index refused a write that a check before it let through (two writers at once).
        if let db = error as? any DatabaseError, db.isConstraintFailure {
            error = Abort(.conflict, reason: "Someone else saved a record with the same name or position at the same moment. Reload and try again.")
        }
        switch error {
        case let failure as ValidationFailure:
            status = failure.status
            detail = failure.reason
            fieldErrors = failure.errors
        case let stale as StaleEdit:
            status = stale.status
            detail = stale.reason
            fieldErrors = stale.errors
        case let abort as any AbortError:
            status = abort.status
            detail = abort.reason
            headers = abort.headers
            // Vapor's own (a collected body over the limit) says only its status; ours say what to do.
            if status == .payloadTooLarge, detail == status.reasonPhrase { detail = "The request body is larger than the server accepts." }
        case let decoding as DecodingError:
            status = .badRequest
            detail = Self.describe(decoding)
        default:
            status = .internalServerError
            detail = "Something went wrong on our side. It has been logged; try again later."
        }
        var requestID: String?
        if status.code >= 500 {
            // The detail goes to the log, under an id the person can quote; never to the response.
            let id = req.id
            requestID = id
            req.logger.error("Request \(id) failed: \(String(reflecting: error))", metadata: ["request-id": .string(id)])
            detail = "Something went wrong on our side. It has been logged as request \(id); try again later."
        }
        if status.code == 404 && detail == status.reasonPhrase {
            detail = "If you typed the address, check it is correct. If you followed a link, the page may have moved."
        }

        if req.url.path.hasPrefix("/api/") {
            let problem = Problem(
                type: "about:blank", title: status.reasonPhrase, status: Int(status.code), detail: detail, requestId: requestID,
                errors: fieldErrors.isEmpty ? nil : fieldErrors.items.map { .init(field: $0.field, message: $0.message) })
            var problemHeaders = headers
            problemHeaders.contentType = Problem.contentType
            let body = (try? JSONEncoder().encode(problem)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return Response(status: status, headers: problemHeaders, body: .init(string: body))
        }
        if status == .unauthorized { return req.redirect(to: .signIn) }
        let page = Page(title: status.pageTitle, body: """
            <h1 class="heading-l">\(status.pageTitle)</h1>
            <p class="body">\(detail)</p>
            <p class="body"><a class="link" href="\(SiteURL.home.path)">Go to the home page</a></p>
            """, status: status)
        let response = (try? await req.render(page)) ?? Response(status: status, body: .init(string: detail))
        for (name, value) in headers where name.lowercased() != "content-type" && name.lowercased() != "content-length" {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            let p = ctx.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "the body" : "`\(p)`"
        }
        switch error {
        case .typeMismatch(let type, let ctx): return "\(path(ctx)) has the wrong type: expected \(type)."
        case .valueNotFound(_, let ctx): return "\(path(ctx)) is missing."
        case .keyNotFound(let key, let ctx):
            let parent = ctx.codingPath.map(\.stringValue).joined(separator: ".")
            return "`\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)` is required."
        case .dataCorrupted(let ctx): return "\(path(ctx)) could not be read: it is not valid JSON or form data."
        @unknown default: return "The request body could not be read."
        }
    }
}

/// Headers that make the browser refuse what the pages never need: other origins' scripts,
/// framing, MIME sniffing, and leaking addresses to other sites.
struct SecurityHeadersMiddleware: Middleware {
    let hsts: Bool

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).map { response in self.secure(response, for: req) }
    }

    private func secure(_ response: Response, for req: Request) -> Response {
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()")
        if hsts { headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains") }
        if req.user != nil, !headers.contains(name: .cacheControl) {
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        response.headers = headers
        return response
    }
}
