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

    @Test func someoneTheThrottleHasSlowedCanSignInByALinkSentToTheirAddress() async throws {
        try await withDemoApp { app, clock in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            for _ in 0..<SignInThrottle.pair.free {
                try await browser.post("/sign-in", ["email": "officer@salford.example", "password": "guess"])
            }
            let held = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(held.status == .tooManyRequests && held.text.contains("/sign-in/link?email=officer%40salford%2Eexample"))
            // The same answer for an address with no account, and no email for it.
            try await browser.get("/sign-in/link?email=officer%40salford.example")
            let none = try await browser.post("/sign-in/link", ["email": "nobody@salford.example"])
            let sent = try await browser.post("/sign-in/link", ["email": "officer@salford.example"])
            #expect(none.status == .seeOther && sent.status == .seeOther)
            #expect(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == "nobody@salford.example").count() == 0)
            // Nor for an account the throttle has not slowed.
            try await browser.get("/sign-in/link")
            #expect(try await browser.post("/sign-in/link", ["email": "admin@salford.example"]).status == .seeOther)
            #expect(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == "admin@salford.example").count() == 0)
            // At most one link every two minutes, however often it is asked for.
            try await browser.get("/sign-in/link")
            try await browser.post("/sign-in/link", ["email": "officer@salford.example"])
            #expect(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == "officer@salford.example").filter(\.$kind == "sign-in-link").count() == 1)

            let link = try await RegistrationTests.link(to: "officer@salford.example", "/sign-in/link/", on: app)
            // Opening the link changes nothing (mail scanners follow links); the button signs in, once.
            let page = try await browser.get(link)
            #expect(page.status == .ok && page.text.contains("Sign in as <strong>officer@salford.example</strong>"))
            let signedIn = try await browser.post(link)
            #expect(signedIn.status == .seeOther && signedIn.location == "/manage")
            #expect(try await browser.get("/manage").status == .ok)
            // The account's throttle is cleared: the right password works again at once.
            let other = Browser(app)
            try await other.get("/sign-in")
            #expect(try await other.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword]).status == .seeOther)
            // Used once; and a link that has run out does not work.
            let again = Browser(app)
            #expect(try await again.get(link).status == .notFound)
            try await again.get("/sign-in")
            let reused = try await again.post(link)
            #expect(reused.status == .notFound && reused.text.contains("Ask for a new sign-in link"))
            clock.advance(200)
            try await again.get("/sign-in/link")
            try await again.post("/sign-in/link", ["email": "officer@salford.example"])
            let late = try await RegistrationTests.link(to: "officer@salford.example", "/sign-in/link/", on: app)
            clock.advance(16 * 60)
            #expect(try await again.get(late).status == .notFound)
            // A link sent before the account was deactivated does not sign in after.
            try await again.get("/sign-in")
            for _ in 0..<SignInThrottle.pair.free { try await again.post("/sign-in", ["email": "officer@salford.example", "password": "guess"]) }
            try await again.get("/sign-in/link")
            try await again.post("/sign-in/link", ["email": "officer@salford.example"])
            let beforeDeactivation = try await RegistrationTests.link(to: "officer@salford.example", "/sign-in/link/", on: app)
            #expect(beforeDeactivation != late)
            let officer = try #require(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first())
            officer.isActive = false
            try await saveFixture(officer, on: app.db)
            try await again.get("/sign-in")
            #expect(try await again.post(beforeDeactivation).status == .notFound)
        }
    }

    @Test func repeatedFailuresAreThrottledEvenWithTheRightPassword() async throws {
        try await withDemoApp { app, clock in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            for _ in 0..<SignInThrottle.pair.free {
                #expect(try await browser.post("/sign-in", ["email": "officer@salford.example", "password": "guess"]).status == .unprocessableEntity)
            }
            let held = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(held.status == .tooManyRequests)
            #expect(held.text.contains("Wait 30 seconds"))
            #expect(held.headers.first(name: .retryAfter) == "30")
            // The delay is short and grows: after it, the right password works again.
            clock.advance(31)
            let again = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(again.status == .seeOther)
        }
    }

    /// Forty guesses sent at once: only the free allowance is checked, the rest are refused
    /// without a password check.
    @Test func parallelGuessesAreCountedBeforeTheyAreChecked() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let body = "email=officer%40salford.example&password=guess&_csrf=\(browser.csrf ?? "")"
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await app.testing().sendRequest(.POST, "/sign-in", headers: [
                            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                        ], body: ByteBuffer(string: body)).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == SignInThrottle.pair.free, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 40 - SignInThrottle.pair.free)
        }
    }

    /// One password tried against many accounts from one place is slowed too.
    @Test func oneSourceTryingManyAccountsIsSlowed() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            var refused = 0
            for i in 0..<(SignInThrottle.source.free + 3) {
                let status = try await browser.post("/sign-in", ["email": "person\(i)@salford.example", "password": "Winter2003!"]).status
                if status == .tooManyRequests { refused += 1 }
            }
            #expect(refused == 3)
        }
    }

    /// A busy office signs in many times from one address: right passwords are not failures.
    @Test func rightPasswordsDoNotCountAgainstTheirSource() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            for _ in 0..<(SignInThrottle.source.free + 5) {
                try await browser.get("/sign-in")
                let status = try await browser.post("/sign-in", ["email": "officer@salford.example", "password": TestDatabase.demoPassword]).status
                #expect(status == .seeOther)
                try await browser.post("/sign-out")
            }
            try await browser.get("/sign-in")
            #expect(try await browser.post("/sign-in", ["email": "moderator@salford.example", "password": "one slip"]).status == .unprocessableEntity)
        }
    }

    /// Failing on purpose from many addresses holds the owner back by a minute at most.
    @Test func nobodyCanLockTheOwnerOutForLong() async throws {
        try await withDemoApp(trustedProxies: ["127.0.0.1"]) { app, clock in
            let port = Int.random(in: 20_000...40_000)
            let tester = try app.testing(method: .running(hostname: "127.0.0.1", port: port))
            func attempt(from address: String, password: String) async throws -> TestingHTTPResponse {
                let page = try await tester.sendRequest(.GET, "/sign-in", headers: ["X-Forwarded-For": address])
                let csrf = try #require(page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
                let cookie = try #require(page.headers[.setCookie].first { $0.hasPrefix("partnering_csrf=") }).split(separator: ";")[0]
                return try await tester.sendRequest(.POST, "/sign-in", headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": String(cookie), "X-Forwarded-For": address,
                ], body: ByteBuffer(string: "email=officer%40salford.example&password=\(Browser.encode(password))&_csrf=\(csrf)"))
            }
            // An attacker spreads guesses over many addresses, far past the account's allowance.
            for i in 0..<(SignInThrottle.account.free + 10) {
                _ = try await attempt(from: "198.51.100.\(i)", password: "guess \(i)")
            }
            let owner = try await attempt(from: "203.0.113.7", password: TestDatabase.demoPassword)
            #expect(owner.status == .tooManyRequests)
            let wait = try #require(Int(owner.headers.first(name: .retryAfter) ?? ""))
            #expect(wait <= SignInThrottle.account.cap)
            clock.advance(TimeInterval(wait + 1))
            let later = try await attempt(from: "203.0.113.7", password: TestDatabase.demoPassword)
            // This client follows the redirect (and drops the cookie), so look for the session itself.
            #expect(later.status != .tooManyRequests)
            let officer = try #require(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first())
            #expect(try await UserSession.query(on: app.db).filter(\.$user.$id == officer.id!).count() == 1, "the owner signed in")
        }
    }

    /// `X-Forwarded-For` from a client that is not a named proxy changes nothing.
    @Test func aForgedForwardedForDoesNotEscapeTheLimit() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            var last = HTTPStatus.ok
            for i in 0...SignInThrottle.pair.free {
                let body = "email=officer%40salford.example&password=guess&_csrf=\(browser.csrf ?? "")"
                last = try await browser.send(.POST, "/sign-in", headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "192.0.2.\(i)",
                ], body: ByteBuffer(string: body)).status
            }
            #expect(last == .tooManyRequests)
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

    @Test(arguments: ["https://evil.example/", "//evil.example", "/\\evil.example", "/%09/evil.example", "/%0a/evil.example", "/%5Cevil.example", "/no-such-page"])
    func signInNeverRedirectsOffSite(next: String) async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in?next=" + next)
            let response = try await browser.post("/sign-in?next=" + next, ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(response.status == .seeOther)
            #expect(response.location == "/manage", "next=\(next) sent the officer to \(response.location ?? "nowhere")")
        }
    }

    @Test func signInReturnsToThePageThatAskedForIt() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            let asked = try await browser.get("/manage/pledges")
            let signIn = try #require(asked.location)
            try await browser.get(signIn)
            let response = try await browser.post(signIn, ["email": "officer@salford.example", "password": TestDatabase.demoPassword])
            #expect(response.location == "/manage/pledges")
        }
    }

    @Test func aDeactivatedUserIsSignedOutEverywhere() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first())
            try await admin.get("/admin/users/\(user.id!.uuidString.lowercased())")
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
            try await admin.get("/admin/users/\(user.id!.uuidString.lowercased())")
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
            try await saveFixture(APIToken(userID: user.id!, name: "t", tokenHash: Secrets.sha256(secret), createdAt: clock.now()), on: app.db)
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            headers.bearerAuthorization = .init(token: secret)
            let body = ByteBuffer(string: #"{"title": "Before deactivation"}"#)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/pledges", headers: headers, body: body).status == .created)
            user.isActive = false
            try await saveFixture(user, on: app.db)
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
