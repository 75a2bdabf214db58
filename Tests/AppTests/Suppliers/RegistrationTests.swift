@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// An organisation registers with its first user, who confirms their address before signing in;
/// invites a colleague, who joins by a link; a forgotten password is reset by a link. Every link
/// works once and not for long, and no answer says whether an address has an account.
@Suite("Registration")
struct RegistrationTests {
    static let form: [String: String] = [
        "organisationName": "Irwell Valley Services Ltd", "companiesNumber": "04 123456", "ppon": "pabc-1234-defg", "sme": "yes",
        "address": "2 Quay Street\nSalford M3 4AA", "name": "Priya Shah", "email": "Priya.Shah@irwell.example", "password": "a long enough password",
    ]

    /// The link in the newest email to `to` whose path starts with `path`.
    static func link(to: String, _ path: String, on app: Application) async throws -> String {
        let email = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == to).sort(\.$createdAt, .descending).first())
        let match = try #require(email.textBody.firstMatch(of: /http:\/\/127\.0\.0\.1:8080(\/[a-z\/-]+\/[A-Za-z0-9_-]{30,})/))
        let found = String(match.1)
        #expect(found.hasPrefix(path))
        return found
    }

    static func register(_ app: Application, _ form: [String: String] = form) async throws -> Browser {
        let b = Browser(app)
        try await b.get("/register")
        let registered = try await b.post("/register", form)
        #expect(registered.status == .seeOther && registered.location == "/sign-in", "\(registered.text.prefix(1500))")
        return b
    }

    @Test func anOrganisationRegistersAndItsUserConfirmsBeforeSigningIn() async throws {
        try await withDemoApp { app, clock in
            let b = try await Self.register(app)
            #expect(try await b.get("/sign-in").text.contains("We have sent a link to priya.shah@irwell.example"))
            let organisation = try #require(try await SupplierOrganisation.query(on: app.db).filter(\.$name == "Irwell Valley Services Ltd").first())
            #expect(organisation.companiesNumber == "04123456" && organisation.ppon == "PABC-1234-DEFG" && organisation.isSME && !organisation.isVCSE)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "priya.shah@irwell.example").first())
            #expect(user.role == .supplierUser && user.organisationID == organisation.id && user.organisationRole == .administrator && user.emailConfirmedAt == nil)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "supplier-organisation.register").filter(\.$subjectID == organisation.id!.uuidString.lowercased()).count() == 1)

            // Not before the address is confirmed.
            try await b.get("/sign-in")
            let early = try await b.post("/sign-in", ["email": "priya.shah@irwell.example", "password": "a long enough password"])
            #expect(early.status == .unprocessableEntity && early.text.contains("Confirm your email address first"))

            let path = try await Self.link(to: "priya.shah@irwell.example", "/confirm-email/", on: app)
            // Opening the link changes nothing (mail scanners open links); the button confirms.
            let page = try await b.get(path)
            #expect(page.status == .ok && page.text.contains("Confirm my email address"))
            #expect(try await User.find(user.id, on: app.db)?.emailConfirmedAt == nil)
            let confirmed = try await b.post(path)
            #expect(confirmed.status == .seeOther && confirmed.location == "/sign-in")
            #expect(try await User.find(user.id, on: app.db)?.emailConfirmedAt != nil)
            // Once only.
            #expect(try await b.post(path).status == .notFound)

            try await b.signIn("priya.shah@irwell.example", password: "a long enough password")
            let own = try await b.get("/organisation")
            #expect(own.status == .ok && own.text.contains("Irwell Valley Services Ltd") && own.text.contains("Priya Shah"))
            _ = clock
        }
    }

    @Test(arguments: [
        (["companiesNumber": "1234"], "companiesNumber", "Enter a Companies House number of 8 characters"),
        (["ppon": "12345"], "ppon", "Enter a PPON as the Central Digital Platform gives it"),
        (["password": "short"], "password", "The password must be at least 12 characters"),
        (["organisationName": ""], "organisationName", "Enter organisation name"),
        (["address": "Line\u{7}bell"], "address", "Address must not contain control characters"),
    ])
    func badInputIsToldBesideItsField(change: [String: String], field: String, message: String) async throws {
        try await withDemoApp { app, _ in
            let b = Browser(app)
            try await b.get("/register")
            let organisations = try await SupplierOrganisation.query(on: app.db).count()
            let refused = try await b.post("/register", Self.form.merging(change) { $1 })
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"\(field)-error\"") && refused.text.contains(message), "\(field)")
            if field != "organisationName" { #expect(refused.text.contains("value=\"Irwell Valley Services Ltd\"")) }
            #expect(!refused.text.contains("a long enough password"), "a password is never sent back")
            #expect(try await SupplierOrganisation.query(on: app.db).count() == organisations)
        }
    }

    @Test func anAdministratorInvitesAColleagueWhoJoinsByTheLink() async throws {
        try await withDemoApp { app, _ in
            let admin = Browser(app)
            try await admin.signIn(as: .supplierUser)
            try await admin.get("/organisation/invite")
            let invited = try await admin.post("/organisation/invite", ["name": "Tom Wright", "email": "tom.wright@example.org", "organisationRole": "contributor"])
            #expect(invited.status == .seeOther)
            let path = try await Self.link(to: "tom.wright@example.org", "/invitations/", on: app)
            let colleague = Browser(app)
            let page = try await colleague.get(path)
            #expect(page.text.contains("Join \(SalfordDemo.supplierOrganisation)") && page.text.contains("value=\"Tom Wright\""))
            let short = try await colleague.post(path, ["name": "Tom Wright", "password": "short"])
            #expect(short.status == .unprocessableEntity && short.text.contains("at least 12 characters") && short.text.contains("value=\"Tom Wright\""))
            #expect(try await colleague.post(path, ["name": "Thomas Wright", "password": "colleague's password"]).status == .seeOther)
            try await colleague.signIn("tom.wright@example.org", password: "colleague's password")
            let own = try await colleague.get("/organisation")
            #expect(own.text.contains("Thomas Wright") && own.text.contains("Contributor"))
            // A contributor does not invite, nor change the organisation.
            #expect(try await colleague.get("/organisation/invite").status == .forbidden)
            #expect(try await colleague.post("/organisation/details", ["organisationName": "Taken over"]).status == .forbidden)
            #expect(try await colleague.post(path, ["name": "Again", "password": "another password here"]).status == .notFound)
        }
    }

    @Test func theOrganisationPagesAreForItsOwnPeopleOnly() async throws {
        try await withDemoApp { app, _ in
            for role in [Role.officer, .administrator, .evaluator] {
                let b = Browser(app)
                try await b.signIn(as: role)
                #expect(try await b.get("/organisation").status == .forbidden, "\(role)")
            }
            // A supplier sees their own organisation, never another's: the page takes no id.
            _ = try await Self.register(app)
            let demo = Browser(app)
            try await demo.signIn(as: .supplierUser)
            let own = try await demo.get("/organisation")
            #expect(own.text.contains(SalfordDemo.supplierOrganisation) && !own.text.contains("Irwell Valley"))
            try await demo.get("/organisation/details")
            let saved = try await demo.post("/organisation/details", ["organisationName": "Example Partnership Services Ltd (fictitious)", "address": "1 Example Street", "vcse": "yes"])
            #expect(saved.status == .seeOther)
            let organisation = try #require(try await SupplierOrganisation.query(on: app.db).filter(\.$name == SalfordDemo.supplierOrganisation).first())
            #expect(organisation.isVCSE && !organisation.isSME, "an unticked box is a no")
        }
    }

    @Test func aForgottenPasswordIsResetByALinkThatWorksOnceForAnHour() async throws {
        try await withDemoApp { app, clock in
            let emails = try await OutgoingEmail.query(on: app.db).count()
            let b = Browser(app)
            try await b.get("/password-reset")
            let unknown = try await b.post("/password-reset", ["email": "nobody@example.org"])
            let known = try await b.post("/password-reset", ["email": "supplier@supplier.example"])
            #expect(unknown.status == .seeOther && known.status == .seeOther)
            // The same answer either way; only the real account gets an email, and only one in two minutes.
            #expect(try await b.get("/sign-in").text.contains("If supplier@supplier.example has an account"))
            #expect(try await b.post("/password-reset", ["email": "supplier@supplier.example"]).status == .seeOther)
            #expect(try await OutgoingEmail.query(on: app.db).count() == emails + 1)
            let path = try await Self.link(to: "supplier@supplier.example", "/password-reset/", on: app)

            let signedIn = Browser(app)
            try await signedIn.signIn(as: .supplierUser)
            try await b.get(path)
            #expect(try await b.post(path, ["password": "a brand new password"]).status == .seeOther)
            // Every session of the account ends; the old password no longer works, the new one does.
            #expect(try await signedIn.get("/organisation").status == .seeOther)
            try await b.get("/sign-in")
            #expect(try await b.post("/sign-in", ["email": "supplier@supplier.example", "password": TestDatabase.demoPassword]).status == .unprocessableEntity)
            try await b.signIn("supplier@supplier.example", password: "a brand new password")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "user.reset-password").count() == 1)

            // A second link, not used within the hour, has run out.
            clock.advance(180)
            try await b.get("/password-reset")
            try await b.post("/password-reset", ["email": "supplier@supplier.example"])
            let second = try await Self.link(to: "supplier@supplier.example", "/password-reset/", on: app)
            clock.advance(3601)
            #expect(try await b.get(second).status == .notFound)
        }
    }

    @Test func anAddressWithAnAccountGetsTheSameAnswerAndAnEmail() async throws {
        try await withDemoApp { app, _ in
            let users = try await User.query(on: app.db).count()
            _ = try await Self.register(app, Self.form.merging(["email": "supplier@supplier.example"]) { $1 })
            #expect(try await User.query(on: app.db).count() == users, "nothing made")
            let note = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$kind == "already-registered").first())
            #expect(note.recipient == "supplier@supplier.example" && note.textBody.contains("already has an account"))
            // An invitation to such an address says nothing to the inviter either.
            let admin = Browser(app)
            try await admin.signIn(as: .supplierUser)
            try await admin.get("/organisation/invite")
            let invited = try await admin.post("/organisation/invite", ["name": "An Officer", "email": "officer@salford.example", "organisationRole": "contributor"])
            #expect(invited.status == .seeOther)
            #expect(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first()?.organisationID == nil)
        }
    }

    @Test func aUsedLinkEndsTheOthersAndTwoUsesCannotBothPass() async throws {
        try await withDemoApp { app, clock in
            let b = Browser(app)
            try await b.get("/password-reset")
            try await b.post("/password-reset", ["email": "supplier@supplier.example"])
            let first = try await Self.link(to: "supplier@supplier.example", "/password-reset/", on: app)
            clock.advance(180)
            try await b.post("/password-reset", ["email": "supplier@supplier.example"])
            let second = try await Self.link(to: "supplier@supplier.example", "/password-reset/", on: app)
            #expect(first != second)
            try await b.get(second)
            #expect(try await b.post(second, ["password": "a brand new password"]).status == .seeOther)
            #expect(try await b.get(first).status == .notFound, "the earlier link ended with the reset")
            let token = try #require(try await OneTimeToken.query(on: app.db).filter(\.$tokenHash == Secrets.sha256(String(second.split(separator: "/").last!))).first())
            #expect(try await token.use(at: clock.now(), on: app.db) == false, "a used token cannot be used again")
        }
    }

    @Test func aCouncilAdministratorCannotTakeOverASuppliersAccount() async throws {
        try await withDemoApp { app, _ in
            let supplier = try #require(try await User.query(on: app.db).filter(\.$role == .supplierUser).first())
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let path = "/admin/users/\(supplier.id!.uuidString.lowercased())"
            try await admin.get(path)
            let password = try await admin.post(path, ["name": supplier.name, "email": supplier.email, "role": "supplier-user", "active": "yes", "password": "taken over password"])
            #expect(password.status == .unprocessableEntity && password.text.contains("resets their own password"))
            let email = try await admin.post(path, ["name": supplier.name, "email": "admin.owned@salford.example", "role": "supplier-user", "active": "yes"])
            #expect(email.status == .unprocessableEntity && email.text.contains("theirs to change"))
            let stored = try #require(try await User.find(supplier.id, on: app.db))
            #expect(stored.email == supplier.email && stored.passwordHash == supplier.passwordHash)
        }
    }
}
