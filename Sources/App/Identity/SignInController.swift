import Fluent
import Vapor

struct SignInController {
    var endpoints: [Endpoint] {
        [
            .get(.signIn, .anyone, show),
            .post(.signIn, .anyone, signIn),
            .post(.signOut, .anyone, signOut),
        ]
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.user != nil { return req.redirect(to: .home) }
        return try await render(req, email: "", errors: FormErrors())
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        var v = Validator(input)
        let email = v.email("email")
        let password = input["password"]
        if password.isEmpty { v.fail("password", "Enter your password") }
        guard v.errors.isEmpty else {
            return try await render(req, email: input["email"], errors: v.errors, status: .unprocessableEntity)
        }

        let throttle = SignInThrottle(email: email, source: req.clientAddress)
        if case .wait(let seconds) = try await throttle.attempt(now: req.now, on: req.db) {
            var errors = FormErrors()
            let wait = seconds < 90 ? "\(seconds) seconds" : "\((seconds + 59) / 60) minutes"
            errors.add("email", "There have been too many wrong passwords. Wait \(wait), then try again")
            let response = try await render(req, email: email, errors: errors, status: .tooManyRequests, throttled: true)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        }

        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        // A missing user still costs one bcrypt check, so timing does not reveal which addresses exist.
        let matches = try await req.passwords.verify(password, created: user?.passwordHash ?? req.passwords.decoyHash, on: req.application)
        guard let user, matches, user.isActive else {
            var errors = FormErrors()
            errors.add("email", "The email address or password is not right")
            return try await render(req, email: email, errors: errors, status: .unprocessableEntity)
        }

        try await throttle.succeeded(on: req.db)
        guard user.hasConfirmedEmail else {
            var errors = FormErrors()
            errors.add("email", "Confirm your email address first: follow the link we sent to \(email). No email? Ask for a new link below")
            return try await render(req, email: email, errors: errors, status: .unprocessableEntity, unconfirmed: true)
        }
        return try await Self.startSession(for: user, next: req.query[String.self, at: "next"], on: req)
    }

    /// A new session for `user`, and the way to the page they were going to (or their home).
    static func startSession(for user: User, next: String?, on req: Request) async throws -> Response {
        // A new token at every sign-in: a session id planted before sign-in is worth nothing after it.
        let token = Secrets.token()
        try await UserSession(
            tokenHash: Secrets.sha256(token), userID: try user.requireID(), csrfToken: Secrets.token(),
            createdAt: req.now, expiresAt: req.now.addingTimeInterval(SessionCookie.lifetime)
        ).create(on: req.db)

        let next = next.flatMap { Self.safeNext($0, on: req.application) } ?? Self.home(for: user.role).path
        let response = req.redirect(to: next, redirectType: .normal)
        response.cookies[SessionCookie.name] = SessionCookie.value(token, secure: req.application.settings.secureCookies)
        response.cookies[SessionCookie.csrfName] = .expired
        return response
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        if let session = req.userSession { try await UserSession.query(on: req.db).filter(\.$id == session.id).delete() }
        let response = req.redirect(to: .home, flash: "You have signed out")
        response.cookies[SessionCookie.name] = .expired
        return response
    }

    static func home(for role: Role) -> SiteURL {
        switch role {
        case .officer: .manage
        case .administrator: .users
        case .evaluator, .moderator: .evaluate
        default: .home
        }
    }

    /// Only a page of this server's own: a path of plain characters that one of its routes
    /// answers with GET. Browsers drop tabs and line breaks and read `\\` as `/`, so
    /// `/%09/evil.example` would otherwise leave the site.
    static func safeNext(_ next: String, on app: Application) -> String? {
        guard next.hasPrefix("/"), next.count <= 500,
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }),
              let url = URLComponents(string: next), url.host == nil, url.scheme == nil,
              !url.path.hasPrefix("//"),
              app.allowedMethods?.methods(for: url.path)?.contains("GET") == true
        else { return nil }
        return next
    }

    private func render(_ req: Request, email: String, errors: FormErrors, status: HTTPResponseStatus = .ok, unconfirmed: Bool = false,
                        throttled: Bool = false) async throws -> Response {
        let next = req.query[String.self, at: "next"].flatMap { Self.safeNext($0, on: req.application) }
        return try await req.render(SignInPage.render(next: next, unconfirmed: unconfirmed, throttled: throttled,
                                                      FormState(input: FormInput(["email": email]), errors: errors, status: status, csrf: req.csrfToken)))
    }
}

/// The sign-in form as markup made from plain values. `next` is a path of this server's own
/// (already checked): where to go once signed in. The password is never sent back.
enum SignInPage {
    static func render(next: String?, unconfirmed: Bool = false, throttled: Bool = false, _ f: FormState) -> Page {
        let email = f.input["email"].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let again: HTML = unconfirmed
            ? "<p class=\"body\"><a class=\"link\" href=\"\(SiteURL.confirmEmailAgain.path)?email=\(email)\">Send me a new confirmation link</a></p>"
            : throttled
            ? "<p class=\"body\">Rather not wait? <a class=\"link\" href=\"\(SiteURL.signInLink.path)?email=\(email)\">Email me a link to sign in</a>: it works once, within 15 minutes.</p>"
            : .empty
        let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? .empty
        let action = SiteURL.signIn.path + (next.map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        return Page(title: "Sign in", body: """
            <div class="grid">
            <div>
            \(Component.errorSummary(f.errors))
            <h1 class="heading-l">Sign in</h1>
            <p class="body">Sign in to manage the partnering programme, evaluate responses or answer for your organisation.</p>
            <form method="post" action="\(action)" novalidate>
              \(Component.csrf(f.csrf))\(nextField)
              \(Component.input("email", label: "Email address", value: f.input["email"], error: f.errors["email"], type: "email", width: "20", autocomplete: "email"))
              \(Component.input("password", label: "Password", value: "", error: f.errors["password"], type: "password", width: "20", autocomplete: "current-password"))
              \(Component.button("Sign in"))
            </form>
            \(again)
            <p class="body"><a class="link" href="\(SiteURL.passwordReset.path)">Forgotten your password?</a></p>
            <p class="body">Answering for an organisation for the first time? <a class="link" href="\(SiteURL.register.path)">Register your organisation</a>.</p>
            </div>
            </div>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }
}
