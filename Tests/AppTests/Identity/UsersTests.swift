@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

private func roger_id(_ app: Application) async throws -> String {
    try await User.query(on: app.db).filter(\.$email == "roger.bell@salford.example").first()!.id!.uuidString.lowercased()
}

@Suite("Users and roles")
struct UsersTests {
    @Test func anAdministratorAddsAUserWhoCanThenSignIn() async throws {
        try await withDemoApp { app, _ in
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            try await admin.get("/admin/users/new")
            let response = try await admin.post("/admin/users/new", [
                "name": "Roger Bell", "email": "roger.bell@salford.example", "role": "evaluator", "password": "a long enough password",
            ])
            #expect(response.status == .seeOther)
            let list = try await admin.get("/admin/users")
            #expect(list.text.contains("Roger Bell can now sign in as evaluator"))

            let roger = Browser(app)
            try await roger.signIn("roger.bell@salford.example", password: "a long enough password")
            #expect(try await roger.get("/").text.contains("Roger Bell"))

            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "user.create").filter(\.$subjectID == (try await roger_id(app))).first())
            #expect(event.fieldChanges["email"]?.after == "roger.bell@salford.example")
            #expect(!event.changes.contains("a long enough password"))
        }
    }

    @Test func badInputIsExplainedBesideEachFieldAndNothingIsLost() async throws {
        try await withDemoApp { app, _ in
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let response = try await admin.post("/admin/users/new", [
                "name": String(repeating: "x", count: 201), "email": "officer@salford.example", "role": "emperor", "password": "short",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Full name must be 200 characters or fewer"))
            #expect(response.text.contains("A user with this email address already exists"))
            #expect(response.text.contains("Select a role"))
            #expect(response.text.contains("The password must be at least 12 characters"))
            #expect(response.text.contains("value=\"officer@salford.example\""))
            #expect(response.text.contains(String(repeating: "x", count: 201)))
        }
    }

    @Test func anAdministratorCannotLockThemselvesOut() async throws {
        try await withDemoApp { app, _ in
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let me = try #require(try await User.query(on: app.db).filter(\.$role == .administrator).first())
            try await admin.get("/admin/users/\(me.id!.uuidString.lowercased())")
            let response = try await admin.post("/admin/users/\(me.id!.uuidString.lowercased())", [
                "name": me.name, "email": me.email, "role": "officer", "active": "yes",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("You cannot remove your own administrator role"))
        }
    }

    /// After a compromise the administrator sets a new password: the intruder's API token stops too.
    @Test func aNewPasswordRevokesTheUsersAPITokens() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/services", headers: APITests.json(token)).status == .ok)
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let officer = try #require(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first())
            let form = try await admin.get("/admin/users/\(officer.id!.uuidString.lowercased())")
            #expect(form.text.contains("revokes their API tokens"), "the page says so")
            let saved = try await admin.post("/admin/users/\(officer.id!.uuidString.lowercased())", [
                "name": officer.name, "email": officer.email, "role": "officer", "active": "yes", "password": "a brand new long password",
            ])
            #expect(saved.status == .seeOther)
            let refused = try await app.testing().sendRequest(.GET, "/api/v1/services", headers: APITests.json(token))
            #expect(refused.status == .unauthorized)
        }
    }

    /// A deactivation is never undone by a form opened before it: the second administrator is
    /// shown that the user changed, and the user stays deactivated.
    @Test func aFormOpenedBeforeADeactivationCannotUndoIt() async throws {
        try await withDemoApp { app, _ in
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "officer@salford.example").first())
            let path = "/admin/users/\(user.id!.uuidString.lowercased())"
            let first = Browser(app), second = Browser(app)
            try await first.signIn(as: .administrator)
            try await second.signIn(as: .administrator)
            try await first.get(path)
            try await second.get(path)
            let deactivated = try await first.post(path, ["name": user.name, "email": user.email, "role": "officer", "active": "no"])
            #expect(deactivated.status == .seeOther)
            let stale = try await second.post(path, ["name": "Renamed Officer", "email": user.email, "role": "officer", "active": "yes"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else saved a change since you opened this"))
            let stored = try #require(try await User.find(user.id, on: app.db))
            #expect(!stored.isActive && stored.name == user.name, "nothing of the stale form was saved")
        }
    }
}
