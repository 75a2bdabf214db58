import Fluent
import SQLKit
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
    private struct SessionKey: StorageKey { typealias Value = SignedInSession }
    private struct AnonymousCSRFKey: StorageKey { typealias Value = String }

    /// The signed-in browser's session, if any.
    var userSession: SignedInSession? {
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

    /// The token a form posted now must carry: the session's, or the visitor's CSRF cookie's.
    var expectedCSRF: String? { userSession?.csrfToken ?? cookies[SessionCookie.csrfName]?.string }

    func requireUser() throws -> User {
        guard let user else { throw Abort(.unauthorized) }
        return user
    }
}

/// The session of a signed-in browser, as a request needs it.
struct SignedInSession: Sendable {
    var id: UUID
    var csrfToken: String
}

/// The signed-in person and their session or token, read in one narrow query on every request
/// that carries one (no model decoding on this path). Requests arriving together share one
/// query (`BatchedRead`): each is answered from a read that started after it arrived, and gets a
/// `User` of its own.
enum Principal {
    /// A user's stored columns, and the session's where the row came from a session.
    struct Row: Sendable {
        var userID: UUID, version: Int, email: String, name: String, role: Role, passwordHash: String, isActive: Bool
        var organisationID: UUID?, organisationRole: OrganisationRole?, emailConfirmedAt: Date?
        var session: SignedInSession?
        var expiresAt: Date?

        init(_ row: any SQLRow, session: Bool) throws {
            userID = try row.decode(column: "id", as: UUID.self)
            version = try row.decode(column: "version", as: Int.self)
            email = try row.decode(column: "email", as: String.self)
            name = try row.decode(column: "name", as: String.self)
            role = try row.decode(column: "role", as: Role.self)
            passwordHash = try row.decode(column: "password_hash", as: String.self)
            isActive = try row.decode(column: "is_active", as: Bool.self)
            organisationID = try row.decode(column: "organisation_id", as: UUID?.self)
            organisationRole = try row.decode(column: "organisation_role", as: String?.self).flatMap(OrganisationRole.init(rawValue:))
            emailConfirmedAt = try row.decode(column: "email_confirmed_at", as: Date?.self)
            if session {
                self.session = SignedInSession(id: try row.decode(column: "session_id", as: UUID.self),
                                               csrfToken: try row.decode(column: "csrf_token", as: String.self))
                expiresAt = try row.decode(column: "expires_at", as: Date.self)
            }
        }

        /// The user, as a stored record (so that it may be changed and saved like any other).
        var user: User {
            let user = User(id: userID, email: email, name: name, role: role, passwordHash: passwordHash, isActive: isActive)
            user.version = version
            user.organisationID = organisationID
            user.organisationRole = organisationRole
            user.emailConfirmedAt = emailConfirmedAt
            user._$idExists = true
            return user
        }
    }

    private static let userColumns: SQLQueryString = """
        u.id, u.version, u.email, u.name, u.role, u.password_hash, u.is_active, u.organisation_id, u.organisation_role, u.email_confirmed_at
        """

    /// Sessions by their token's hash.
    @Sendable static func sessions(_ db: any SQLDatabase, _ hashes: [String]) async throws -> [String: Row] {
        try await byTokenHash(db, session: true, """
            SELECT s.token_hash, s.id AS session_id, s.csrf_token, s.expires_at, \(userColumns)
            FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash IN (\(binds: hashes))
            """)
    }

    /// The owners of API tokens that have not been revoked, by their token's hash.
    @Sendable static func tokens(_ db: any SQLDatabase, _ hashes: [String]) async throws -> [String: Row] {
        try await byTokenHash(db, session: false, """
            SELECT t.token_hash, \(userColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash IN (\(binds: hashes)) AND t.revoked_at IS NULL
            """)
    }

    private static func byTokenHash(_ sql: any SQLDatabase, session: Bool, _ query: SQLQueryString) async throws -> [String: Row] {
        var found: [String: Row] = [:]
        for row in try await sql.raw(query).all() {
            // A row this version cannot read is that token's answer only ("not found"), never
            // the failure of every request batched with it.
            guard let hash = try? row.decode(column: "token_hash", as: String.self), let read = try? Row(row, session: session) else { continue }
            found[hash] = read
        }
        return found
    }
}

/// The application's shared reads of sessions and tokens (one per application: each has its own
/// database).
struct Principals: Sendable {
    let sessions = BatchedRead(Principal.sessions)
    let tokens = BatchedRead(Principal.tokens)
}

extension Application {
    private struct PrincipalsKey: StorageKey { typealias Value = Principals }

    /// Set up in `configure`, before the server answers, so never made twice.
    var principals: Principals {
        get { configured(PrincipalsKey.self) }
        set { storage[PrincipalsKey.self] = newValue }
    }
}

/// Finds the signed-in person from the session cookie.
/// (Written with futures: a visitor without a session costs no task; see `SiteErrorMiddleware`.)
struct SessionAuthenticator: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let token = req.cookies[SessionCookie.name]?.string, !token.isEmpty, token.count < 200 else {
            return next.respond(to: req)
        }
        return req.eventLoop.makeFutureWithTask {
            if let found = try await req.application.principals.sessions.value(for: Secrets.sha256(token), on: req.sql),
               let session = found.session, let expiresAt = found.expiresAt, expiresAt > req.now, found.isActive {
                req.userSession = session
                req.auth.login(found.user)
            }
        }.flatMap { next.respond(to: req) }
    }
}

/// Rejects any state-changing form post whose `_csrf` field does not match the token of the
/// session (or of the visitor's CSRF cookie), and hands visitors their cookie.
struct CSRFMiddleware: Middleware {
    /// A route's `userInfo` key: its handler streams a multipart form and checks the `_csrf`
    /// field itself (`MultipartUpload`), before it stores any file.
    static let checkedByHandler = "csrf-checked-by-handler"

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let checked: EventLoopFuture<Void>
        if req.method == .GET || req.method == .HEAD {
            checked = req.eventLoop.makeSucceededVoidFuture()
        } else if req.route?.userInfo[Self.checkedByHandler] as? Bool == true, req.headers.contentType?.type == "multipart" {
            checked = req.eventLoop.makeSucceededVoidFuture()
        } else {
            let collected = req.body.data == nil
                ? req.body.collect(max: req.application.routes.defaultMaxBodySize.value).map { _ in }
                : req.eventLoop.makeSucceededVoidFuture()
            checked = collected.flatMapThrowing {
                let expected = req.expectedCSRF
                let sent = try? req.content.get(String.self, at: "_csrf")
                guard let expected, let sent, Secrets.constantTimeEquals(expected, sent) else {
                    throw Abort(.forbidden, reason: "This form has expired or was not sent from this site. Go back, reload the page and try again.")
                }
            }
        }
        return checked.flatMap { next.respond(to: req) }.map { response in
            if req.userSession == nil, let issued = req.anonymousCSRFIssued, req.cookies[SessionCookie.csrfName]?.string != issued {
                response.cookies[SessionCookie.csrfName] = SessionCookie.value(
                    issued, secure: req.application.settings.secureCookies, maxAge: nil)
            }
            return response
        }
    }
}

/// Authenticates API calls by bearer token. A token that is sent but not valid is refused
/// outright rather than treated as anonymous, so a client learns at once that its token is wrong.
struct BearerAuthenticator: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let bearer = req.headers.bearerAuthorization else { return next.respond(to: req) }
        return req.eventLoop.makeFutureWithTask {
            guard bearer.token.count < 200,
                  let found = try await req.application.principals.tokens.value(for: Secrets.sha256(bearer.token), on: req.sql),
                  found.isActive
            else {
                throw Abort(.unauthorized, reason: "The API token is not valid, or has been revoked.")
            }
            req.auth.login(found.user)
        }.flatMap { next.respond(to: req) }
    }
}
