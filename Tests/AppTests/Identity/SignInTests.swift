@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Sign-in, sessions and CSRF")
struct SignInTests {
    @Test func signingInSetsAHardenedCookieAndLandsOnTheRoleHome() async throws {
        try await withDemoApp { app, _ in
            // setup
            let browser = Browser(app)
            try await browser.get("/sign-in")
            // MUT
            let response = try await browser.post("/sign-in", ["email": "OFFICER@salford.example", "password": TestDatabase.demoPassword])
            // validate
            #expect(response.status == .seeOther)
            #expect(response.location == "/manage")
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("partnering_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "plain-http demo address: no Secure flag")
            #expect(try await browser.get("/manage").status == .ok)
        }
    }

    @Test func cookiesAreSecureWhenServedOverHTTPS() async throws {
        try await withDemoApp(publicURL: "https://partnering.example.gov.uk") { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("partnering_session=") })
            #expect(cookie.contains("Secure"))
            #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test func aWrongPasswordKeepsTheEmailAndSaysWhatIsWrong() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": "not the password"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The email address or password is not right"))
            #expect(response.text.contains("value=\"officer@salford.example\""))
            #expect(response.text.contains("<title>Error: Sign in"))
            #expect(response.text.contains("href=\"#email\""), "the error summary links to the field")
            #expect(browser.cookies["partnering_session"] == nil)
        }
    }

    @Test func emptyFieldsGetAMessageEach() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", ["email": "not-an-email", "password": ""])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Enter an email address in the correct format"))
            #expect(response.text.contains("Enter your password"))
            #expect(response.text.contains("value=\"not-an-email\""))
        }
    }

    @Test func repeatedFailuresAreThrottledEvenWithTheRightPassword() async throws {
        try await withDemoApp { app, clock in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            for _ in 0..<SignInController.maxFailures {
                #expect(try await browser.post("/sign-in", ["email": "officer@salford.example", "password": "guess"]).status == .unprocessableEntity)
            }
            let locked = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Wait 15 minutes"))
            // After the window the right password works again.
            clock.advance(SignInController.window + 1)
            let again = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(again.status == .seeOther)
        }
    }

    @Test func eachSignInGetsANewSessionAndSignOutEndsIt() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .officer)
            let first = try #require(browser.cookies["partnering_session"])
            try await browser.signIn(as: .officer)
            let second = try #require(browser.cookies["partnering_session"])
            #expect(first != second)

            let response = try await browser.post("/sign-out")
            #expect(response.status == .seeOther)
            #expect(browser.cookies["partnering_session"] == nil)
            // The old token no longer works even if replayed.
            let replay = try await app.testing().sendRequest(.GET, "/manage", headers: ["Cookie": "partnering_session=\(second)"])
            #expect(replay.status == .seeOther)
            #expect(replay.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func sessionsAreStoredInTheDatabaseAsHashes() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .administrator)
            let token = try #require(browser.cookies["partnering_session"])
            let stored = try await UserSession.query(on: app.db).all()
            #expect(stored.count == 1)
            #expect(stored.first?.tokenHash == Secrets.sha256(token))
            #expect(stored.first?.tokenHash != token)
        }
    }

    @Test func expiredSessionsAreRefused() async throws {
        try await withDemoApp { app, clock in
            let browser = Browser(app)
            try await browser.signIn(as: .officer)
            clock.advance(SessionCookie.lifetime + 1)
            let response = try await browser.get("/manage")
            #expect(response.status == .seeOther)
        }
    }

    @Test func aPostWithoutTheCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .officer)
            let before = try await Pledge.query(on: app.db).count()
            let missing = try await browser.post("/manage/pledges/new", ["title": "Forged"], csrf: false)
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post("/manage/pledges/new", ["title": "Forged", "_csrf": "guessed"])
            #expect(wrong.status == .forbidden)
            #expect(try await Pledge.query(on: app.db).count() == before)
        }
    }

    @Test func theSignInFormItselfNeedsItsCSRFCookie() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            let response = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword, "_csrf": "x"])
            #expect(response.status == .forbidden)
        }
    }

    @Test(arguments: ["https://evil.example/", "//evil.example", "/\\evil.example"])
    func signInNeverRedirectsOffSite(next: String) async throws {
        #expect(SignInController.safeNext(next) == nil)
        #expect(SignInController.safeNext("/manage/pledges") == "/manage/pledges")
    }

    @Test func aDeactivatedUserIsSignedOutEverywhere() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first())
            let response = try await admin.post("/admin/users/\(user.id!.uuidString.lowercased())", [
                "name": user.name, "email": user.email, "role": "officer", "active": "no",
            ])
            #expect(response.status == .seeOther)
            #expect(try await officer.get("/manage").status == .seeOther)
            let again = Browser(app)
            try await again.get("/sign-in")
            #expect(try await again.post("/sign-in", ["email": user.email, "password": TestDatabase.demoPassword]).status == .unprocessableEntity)
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await withDemoApp { app, _ in
            for path in ["/", "/sign-in", "/no-such-page", "/api/v1/services"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let csp = try #require(response.headers.first(name: "Content-Security-Policy"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("default-src 'self'"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            }
        }
    }

    @Test(arguments: ["https://evil.example/", "//evil.example/path", "/\\evil.example"])
    func theSignInEndpointIgnoresAnOffSiteNext(next: String) async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let escaped = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await browser.post("/sign-in?next=\(escaped)", ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(response.status == .seeOther)
            #expect(response.location == "/manage")
        }
    }

    @Test func aChangedRoleEndsTheOldSessions() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first())
            let response = try await admin.post("/admin/users/\(user.id!.uuidString.lowercased())", [
                "name": user.name, "email": user.email, "role": "evaluator", "active": "yes",
            ])
            #expect(response.status == .seeOther)
            let after = try await officer.get("/manage")
            #expect(after.status == .seeOther && after.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func aDeactivatedUsersAPITokenStopsWorking() async throws {
        try await withDemoApp { app, clock in
            let user = try #require(try await User.query(on: app.db).filter(\.$role == .officer).first())
            let secret = Secrets.token(prefix: "pt_")
            try await APIToken(userID: user.id!, name: "t", tokenHash: Secrets.sha256(secret), createdAt: clock.now()).create(on: app.db)
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            headers.bearerAuthorization = .init(token: secret)
            let body = ByteBuffer(string: #"{"title": "Before deactivation"}"#)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/pledges", headers: headers, body: body).status == .created)
            user.isActive = false
            try await user.save(on: app.db)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/pledges", headers: headers, body: ByteBuffer(string: #"{"title": "After"}"#))
            #expect(refused.status == .unauthorized)
        }
    }

    @Test(arguments: [
        ("application/x-www-form-urlencoded", "title[]=a&title[]=b"),
        ("application/x-www-form-urlencoded", "title[x]=a"),
        ("application/json", #"{"title": "json to a form"}"#),
        ("text/plain", "title=plain"),
        ("application/x-www-form-urlencoded", "%ZZ=%"),
    ])
    func oddFormBodiesGetMessagesNotErrors(contentType: String, body: String) async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .officer)
            var headers: HTTPHeaders = ["Content-Type": contentType]
            headers.replaceOrAdd(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            // With a valid token, so the body itself is what is judged.
            let withToken = body + (contentType.hasSuffix("urlencoded") ? "&_csrf=\(browser.csrf!)" : "")
            let response = try await app.testing().sendRequest(.POST, "/manage/pledges/new", headers: headers, body: ByteBuffer(string: withToken))
            #expect(response.status.code < 500, "\(contentType) \(body): \(response.status)")
            #expect([.unprocessableEntity, .forbidden, .badRequest, .unsupportedMediaType].contains(response.status), "\(response.status)")
        }
    }
}
