@preconcurrency import RoutingKit
import Vapor

/// Who may use a route. Every endpoint names one; the server checks it before the handler runs.
/// A rule can look at the request and the records it names ("only the organisation's own
/// response", "not before the responses were opened"), not only at the role.
struct Permission: Sendable {
    enum Outcome: Sendable, Equatable {
        case allowed
        /// Nobody is signed in: pages send the visitor to sign in, the API answers 401.
        case signInNeeded
        case forbidden(String)
        /// For rules about a record: someone who may not see it is told it does not exist.
        case notFound
    }

    /// How the rule reads in the API description and in messages: "anyone", "officer".
    let summary: String
    /// The roles that may pass at all; nil for anyone, signed in or not.
    let roles: Set<Role>?
    let check: @Sendable (Request) async throws -> Outcome
    /// The same rule when it needs to wait for nothing (a role), so that it is checked without a
    /// task of its own; nil for rules that read records.
    let immediate: (@Sendable (Request) -> Outcome)?

    init(summary: String, roles: Set<Role>?, immediate: (@Sendable (Request) -> Outcome)? = nil,
         check: @escaping @Sendable (Request) async throws -> Outcome) {
        self.summary = summary
        self.roles = roles
        self.immediate = immediate
        self.check = check
    }

    init(summary: String, roles: Set<Role>?, immediate: @escaping @Sendable (Request) -> Outcome) {
        self.init(summary: summary, roles: roles, immediate: immediate, check: { immediate($0) })
    }

    static let anyone = Permission(summary: "anyone", roles: nil) { _ in .allowed }

    /// Signed in with one of these roles.
    static func roles(_ roles: Role...) -> Permission {
        let allowed = Set(roles)
        return Permission(summary: roles.map(\.label).joined(separator: " or ").lowercased(), roles: allowed) { req in
            guard let user = req.user else { return .signInNeeded }
            return allowed.contains(user.role) ? .allowed : .forbidden("Your role (\(user.role.label)) does not allow this.")
        }
    }

    static let officer = roles(.officer)
    static let administrator = roles(.administrator)

    /// A role rule and then a rule of its own about the request.
    func and(_ summary: String, _ rule: @escaping @Sendable (Request) async throws -> Outcome) -> Permission {
        let first = check
        return Permission(summary: "\(self.summary), \(summary)", roles: roles) { req in
            let outcome = try await first(req)
            guard case .allowed = outcome else { return outcome }
            return try await rule(req)
        }
    }
}

/// One route: its method and path, who may use it, what it does, and for the API how the OpenAPI
/// document describes it. A feature lists its endpoints; nothing else needs to know about them.
struct Endpoint: Sendable {
    enum Surface: Sendable {
        /// A page or form: the session cookie signs in, every form checks its CSRF token.
        case page
        /// A JSON operation under /api/v1: a bearer token signs in, never a cookie.
        case api(APIOperation)
        /// Served to anyone with no session at all: health check, assets, the API description.
        case plain
    }

    let method: HTTPMethod
    let url: SiteURL
    let permission: Permission
    let surface: Surface
    let handler: @Sendable (Request) async throws -> Response
    /// The handler reads a `multipart/form-data` body as it streams in (files go straight to the
    /// file store), and checks its CSRF field itself, before any file.
    private(set) var streamsUploads = false

    init<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ url: SiteURL, _ permission: Permission, _ surface: Surface,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        self.method = method
        self.url = url
        self.permission = permission
        self.surface = surface
        self.handler = { req in try await handler(req).encodeResponse(for: req) }
    }

    static func get<R: AsyncResponseEncodable>(_ url: SiteURL, _ permission: Permission, _ handler: @escaping @Sendable (Request) async throws -> R) -> Endpoint {
        Endpoint(.GET, url, permission, .page, handler)
    }

    static func post<R: AsyncResponseEncodable>(_ url: SiteURL, _ permission: Permission, _ handler: @escaping @Sendable (Request) async throws -> R) -> Endpoint {
        Endpoint(.POST, url, permission, .page, handler)
    }

    func streamingUploads() -> Endpoint {
        var e = self
        e.streamsUploads = true
        return e
    }

    var operation: APIOperation? {
        if case .api(let op) = surface { op } else { nil }
    }
}

/// A capability of the server: its endpoints (pages and API), and the schemas its part of the API
/// description refers to. Each feature folder has one; `Application.features` lists them.
protocol Feature: Sendable {
    var endpoints: [Endpoint] { get }
    /// Named JSON Schemas for `#/components/schemas`.
    var schemas: [(String, JSON)] { get }
}

extension Feature {
    var schemas: [(String, JSON)] { [] }
}

/// Checks an endpoint's permission before its handler runs (without a task of its own when the
/// rule needs to wait for nothing).
struct PermissionMiddleware: Middleware {
    let permission: Permission

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if let immediate = permission.immediate {
            return answer(immediate(req), req, next)
        }
        return req.eventLoop.makeFutureWithTask { try await permission.check(req) }
            .flatMap { outcome in answer(outcome, req, next) }
    }

    private func answer(_ outcome: Permission.Outcome, _ req: Request, _ next: any Responder) -> EventLoopFuture<Response> {
        switch outcome {
        case .allowed:
            return next.respond(to: req)
        case .signInNeeded:
            if req.url.path.hasPrefix("/api/") {
                return req.eventLoop.makeFailedFuture(Abort(.unauthorized, reason: "Send a valid API token as `Authorization: Bearer …`."))
            }
            var back = req.url.path
            if let query = req.url.query, req.method == .GET { back += "?" + query }
            return req.eventLoop.makeSucceededFuture(
                req.redirect(to: SiteURL.signIn.path + "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"), redirectType: .normal))
        case .forbidden(let reason):
            return req.eventLoop.makeFailedFuture(Abort(.forbidden, reason: reason))
        case .notFound:
            return req.eventLoop.makeFailedFuture(Abort(.notFound))
        }
    }
}

/// The methods each path answers, so that a request with another method gets 405 and an `Allow`
/// header instead of a 404 that says the path does not exist.
final class AllowedMethods: @unchecked Sendable {
    // Written once in `init`, only read after: safe to share.
    private let router: TrieRouter<[String]>
    /// The home page's: the router takes no empty path.
    private let root: [String]?

    init(_ endpoints: [Endpoint]) {
        var byPath: [String: (components: [PathComponent], methods: Set<String>)] = [:]
        for e in endpoints {
            byPath[e.url.path, default: (e.url.pathComponents, [])].methods.insert(e.method.rawValue)
        }
        let router = TrieRouter([String].self)
        var root: [String]?
        for (_, entry) in byPath {
            var methods = entry.methods
            if methods.contains("GET") { methods.insert("HEAD") }
            if entry.components.isEmpty { root = methods.sorted() } else { router.register(methods.sorted(), at: entry.components) }
        }
        self.router = router
        self.root = root
    }

    func methods(for path: String) -> [String]? {
        var parameters = Parameters()
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return components.isEmpty ? root : router.route(path: components, parameters: &parameters)
    }
}

extension Application {
    private struct AllowedMethodsKey: StorageKey { typealias Value = AllowedMethods }

    var allowedMethods: AllowedMethods? {
        get { storage[AllowedMethodsKey.self] }
        set { storage[AllowedMethodsKey.self] = newValue }
    }

    /// Registers every feature's endpoints behind the middleware their surface needs and the
    /// permission they name.
    func register(_ features: [any Feature]) {
        let endpoints = features.flatMap(\.endpoints)
        let site = grouped(SessionAuthenticator(), CSRFMiddleware())
        let api = grouped(BearerAuthenticator())
        for e in endpoints {
            let base: any RoutesBuilder = switch e.surface {
            case .page: site
            case .api: api
            case .plain: self
            }
            let route = base.grouped(PermissionMiddleware(permission: e.permission))
                .on(e.method, e.url.pathComponents, body: e.streamsUploads ? .stream : .collect(maxSize: nil), use: e.handler)
            if e.streamsUploads { route.userInfo[CSRFMiddleware.checkedByHandler] = true }
        }
        allowedMethods = AllowedMethods(endpoints)
    }
}
