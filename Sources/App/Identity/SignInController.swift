import Fluent
import Vapor

struct SignInController: RouteCollection {
    /// Five wrong passwords for one address within fifteen minutes locks that address for the
    /// rest of the window, wherever the attempts come from.
    static let maxFailures = 5
    static let window: TimeInterval = 15 * 60

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.signIn, use: show)
        routes.post(.signIn, use: signIn)
        routes.post(.signOut, use: signOut)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.user != nil { return req.redirect(to: .home) }
        return try await render(req, email: "", errors: FormErrors())
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        var v = Validator(input)
        let email = v.email("email")
        let password = input.values["password"] ?? ""
        if password.isEmpty { v.fail("password", "Enter your password") }
        guard v.errors.isEmpty else {
            return try await render(req, email: input["email"], errors: v.errors, status: .unprocessableEntity)
        }

        let since = req.now.addingTimeInterval(-Self.window)
        let recent = try await SignInFailure.query(on: req.db)
            .filter(\.$email == email).filter(\.$at > since).count()
        if recent >= Self.maxFailures {
            var errors = FormErrors()
            errors.add("email", "You have entered the wrong password too many times. Wait 15 minutes, then try again")
            return try await render(req, email: email, errors: errors, status: .tooManyRequests)
        }

        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        // A missing user still costs one bcrypt check, so timing does not reveal which addresses exist.
        let matches = try await req.password.async.verify(password, created: user?.passwordHash ?? Self.decoyHash)
        guard let user, matches, user.isActive else {
            try await SignInFailure(email: email, at: req.now).create(on: req.db)
            try await SignInFailure.query(on: req.db).filter(\.$at < req.now.addingTimeInterval(-86_400)).delete()
            var errors = FormErrors()
            errors.add("email", "The email address or password is not right")
            return try await render(req, email: email, errors: errors, status: .unprocessableEntity)
        }

        try await SignInFailure.query(on: req.db).filter(\.$email == email).delete()
        // A new token at every sign-in: a session id planted before sign-in is worth nothing after it.
        let token = Secrets.token()
        try await UserSession(
            tokenHash: Secrets.sha256(token), userID: try user.requireID(), csrfToken: Secrets.token(),
            createdAt: req.now, expiresAt: req.now.addingTimeInterval(SessionCookie.lifetime)
        ).create(on: req.db)

        let next = req.query[String.self, at: "next"].flatMap(Self.safeNext) ?? Self.home(for: user.role).path
        let response = req.redirect(to: next, redirectType: .normal)
        response.cookies[SessionCookie.name] = SessionCookie.value(token, secure: req.application.settings.secureCookies)
        response.cookies[SessionCookie.csrfName] = .expired
        return response
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        if let session = req.userSession { try await session.delete(on: req.db) }
        let response = req.redirect(to: .home, flash: "You have signed out")
        response.cookies[SessionCookie.name] = .expired
        return response
    }

    static func home(for role: Role) -> SiteURL {
        switch role {
        case .officer: .manage
        case .administrator: .users
        default: .home
        }
    }

    /// Only a path on this site: never `//elsewhere` or `https://elsewhere`.
    static func safeNext(_ next: String) -> String? {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\n") else { return nil }
        return next
    }

    /// Made once, on the first sign-in for an unknown address.
    static let decoyHash: String = (try? Bcrypt.hash(Secrets.token(), cost: 12)) ?? ""

    private func render(_ req: Request, email: String, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let nextField: HTML = req.query[String.self, at: "next"].flatMap(Self.safeNext).map {
            "<input type=\"hidden\" name=\"next\" value=\"\($0)\">"
        } ?? .empty
        let action = SiteURL.signIn.path + (req.query[String.self, at: "next"].flatMap(Self.safeNext).map {
            "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        } ?? "")
        return try await req.render(Page(title: "Sign in", body: """
            <div class="grid">
            <div>
            \(Component.errorSummary(errors))
            <h1 class="heading-l">Sign in</h1>
            <p class="body">Sign in to manage the partnering programme, evaluate responses or answer for your organisation.</p>
            <form method="post" action="\(action)" novalidate>
              \(Component.csrf(req.csrfToken))\(nextField)
              \(Component.input("email", label: "Email address", value: email, error: errors["email"], type: "email", width: "20", autocomplete: "email"))
              \(Component.input("password", label: "Password", value: "", error: errors["password"], type: "password", width: "20", autocomplete: "current-password"))
              \(Component.button("Sign in"))
            </form>
            </div>
            </div>
            """, status: status, hasErrors: !errors.isEmpty))
    }
}
