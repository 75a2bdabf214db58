import Fluent
import Vapor

enum SessionCookie {
    static let name = "partnering_session"
    static let csrfName = "partnering_csrf"
    /// A working day; after that, sign in again.
    static let lifetime: TimeInterval = 8 * 60 * 60

    static func value(_ token: String, secure: Bool, maxAge: Int? = Int(lifetime)) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    private struct SessionKey: StorageKey { typealias Value = UserSession }
    private struct AnonymousCSRFKey: StorageKey { typealias Value = String }

    /// The signed-in browser's session, if any.
    var userSession: UserSession? {
        get { storage[SessionKey.self] }
        set { storage[SessionKey.self] = newValue }
    }

    var user: User? { auth.get(User.self) }

    /// The token every form on this page must send back. A signed-in person's lives in their
    /// session; a visitor's lives in a cookie of its own (for the sign-in form).
    var csrfToken: String {
        if let session = userSession { return session.csrfToken }
        if let token = storage[AnonymousCSRFKey.self] { return token }
        let token = cookies[SessionCookie.csrfName]?.string ?? Secrets.token()
        storage[AnonymousCSRFKey.self] = token
        return token
    }

    fileprivate var anonymousCSRFIssued: String? { storage[AnonymousCSRFKey.self] }

    func requireUser() throws -> User {
        guard let user else { throw Abort(.unauthorized) }
        return user
    }
}

/// Finds the signed-in person from the session cookie.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = req.cookies[SessionCookie.name]?.string, !token.isEmpty, token.count < 200,
           let session = try await UserSession.query(on: req.db)
               .filter(\.$tokenHash == Secrets.sha256(token))
               .with(\.$user)
               .first(),
           session.expiresAt > req.now, session.user.isActive {
            req.userSession = session
            req.auth.login(session.user)
        }
        return try await next.respond(to: req)
    }
}

/// Rejects any state-changing form post whose `_csrf` field does not match the token of the
/// session (or of the visitor's CSRF cookie), and hands visitors their cookie.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method != .GET && req.method != .HEAD {
            let expected = req.userSession?.csrfToken ?? req.cookies[SessionCookie.csrfName]?.string
            if req.body.data == nil {
                _ = try await req.body.collect(max: req.application.routes.defaultMaxBodySize.value).get()
            }
            let sent = try? req.content.get(String.self, at: "_csrf")
            guard let expected, let sent, Secrets.constantTimeEquals(expected, sent) else {
                throw Abort(.forbidden, reason: "This form has expired or was not sent from this site. Go back, reload the page and try again.")
            }
        }
        let response = try await next.respond(to: req)
        if req.userSession == nil, let issued = req.anonymousCSRFIssued, req.cookies[SessionCookie.csrfName]?.string != issued {
            response.cookies[SessionCookie.csrfName] = SessionCookie.value(
                issued, secure: req.application.settings.secureCookies, maxAge: nil)
        }
        return response
    }
}

/// Authenticates API calls by bearer token. A token that is sent but not valid is refused
/// outright rather than treated as anonymous, so a client learns at once that its token is wrong.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            guard bearer.token.count < 200,
                  let token = try await APIToken.query(on: req.db)
                      .filter(\.$tokenHash == Secrets.sha256(bearer.token))
                      .filter(\.$revokedAt == nil)
                      .with(\.$user)
                      .first(),
                  token.user.isActive
            else {
                throw Abort(.unauthorized, reason: "The API token is not valid, or has been revoked.")
            }
            req.auth.login(token.user)
        }
        return try await next.respond(to: req)
    }
}
