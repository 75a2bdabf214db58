@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Two people changing the same record: neither is silently overwritten, the audit trail
/// records true old values, and nothing is saved without its audit event.
@Suite("Concurrent edits")
struct ConcurrentEditTests {
    struct ProblemBody: Decodable {
        var status: Int
        var errors: [Field]?
        struct Field: Decodable { var field: String; var message: String }
    }

    static func patch(_ app: Application, _ path: String, _ token: String, _ body: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.PATCH, path, headers: APITests.json(token), body: ByteBuffer(string: body))
    }

    @Test func aChangeFromAnOlderVersionIsRefusedWith409AndOverwritesNothing() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            let pledge = try #require(try await Pledge.query(on: app.db).first())
            let path = "/api/v1/pledges/\(pledge.id!)"
            let first = try await Self.patch(app, path, token, #"{"title": "Theirs", "version": \#(pledge.version)}"#)
            #expect(first.status == .ok)
            #expect(try first.content.decode(OrganisationAPI.PledgeDTO.self).version == pledge.version + 1)

            let stale = try await Self.patch(app, path, token, #"{"title": "Mine", "version": \#(pledge.version)}"#)
            #expect(stale.status == .conflict)
            let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(stale.text.utf8))
            #expect(problem.errors?.first?.field == "version")
            #expect(problem.errors?.first?.message.contains("changed by someone else since you opened it") == true)
            #expect(try await Pledge.find(pledge.id, on: app.db)?.title == "Theirs")

            let missing = try await Self.patch(app, path, token, #"{"title": "Mine"}"#)
            #expect(missing.status == .unprocessableEntity, "the version is required to change a record")
        }
    }

    /// Twenty officers save the version they all read, at once: one change is saved, nineteen
    /// are told, and the one audit event records the title as it truly was before.
    @Test func simultaneousChangesOfOneVersionSaveExactlyOne() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            let pledge = try #require(try await Pledge.query(on: app.db).first())
            let original = pledge.title
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try await Self.patch(app, "/api/v1/pledges/\(pledge.id!)", token, #"{"title": "Edit \#(i)", "version": \#(pledge.version)}"#).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 19, "\(statuses)")
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "pledge.update").filter(\.$subjectID == pledge.id!.uuidString.lowercased()).all()
            #expect(events.count == 1)
            #expect(events.first?.fieldChanges["title"]?.before == original)
        }
    }

    /// Thirty requests make the same pledge at once: one is made, the rest are told it exists
    /// (409 with the field named), never a server error.
    @Test func simultaneousCreatesOfOneTitleMakeOneAndRefuseTheRest() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            let responses = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        let r = try await app.testing().sendRequest(.POST, "/api/v1/pledges", headers: APITests.json(token),
                                                                    body: ByteBuffer(string: #"{"title": "One pledge only"}"#))
                        return (r.status, r.text)
                    }
                }
                return try await group.reduce(into: [(HTTPStatus, String)]()) { $0.append($1) }
            }
            #expect(responses.filter { $0.0 == .created }.count == 1, "\(responses.map(\.0))")
            let refused = responses.filter { $0.0 == .conflict }
            #expect(refused.count == 29, "\(responses.map(\.0))")
            #expect(refused.allSatisfy { $0.1.contains("A pledge called One pledge only already exists") })
            #expect(try await Pledge.query(on: app.db).filter(\.$title == "One pledge only").count() == 1)
        }
    }

    /// Two officers open the same form; the second to save is shown what the first saved beside
    /// their own, keeps what they typed, and saves it by saving again.
    @Test func theSecondEditorOfAFormSeesBothAndCanSaveAgain() async throws {
        try await withDemoApp { app, _ in
            let pledge = try #require(try await Pledge.query(on: app.db).first())
            let path = "/manage/pledges/\(pledge.id!.uuidString.lowercased())"
            let alice = Browser(app), bob = Browser(app)
            try await alice.signIn(as: .officer)
            try await bob.signIn(as: .officer)
            let aliceForm = try await alice.get(path)
            let bobForm = try await bob.get(path)
            let version = try #require(aliceForm.text.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            #expect(bobForm.text.contains("name=\"version\" value=\"\(version)\""))

            let saved = try await alice.post(path, ["title": "Alice's title", "description": "", "position": "1", "version": String(version)])
            #expect(saved.status == .seeOther)
            let refused = try await bob.post(path, ["title": "Bob's title", "description": "Bob's words", "position": "1", "version": String(version)])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Someone else saved a change since you opened this"))
            #expect(refused.text.contains("<strong>Saved now:</strong> Alice&#39;s title"), "what is saved now is shown")
            #expect(refused.text.contains("value=\"Bob&#39;s title\""), "what Bob typed is kept in the form")
            #expect(try await Pledge.find(pledge.id, on: app.db)?.title == "Alice's title")

            let newVersion = try #require(refused.text.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            #expect(Int(newVersion) == Int(version)! + 1)
            let again = try await bob.post(path, ["title": "Bob's title", "description": "Bob's words", "position": "1", "version": String(newVersion)])
            #expect(again.status == .seeOther)
            #expect(try await Pledge.find(pledge.id, on: app.db)?.title == "Bob's title")
        }
    }

    /// A form whose hidden version is missing or garbled is treated as stale: the person sees what
    /// is saved, keeps what they typed, and the form they get back saves.
    @Test(arguments: ["abc", "", "1.5", "99999999999999999999"])
    func aFormWithAGarbledVersionIsShownAsStaleAndCanBeSavedAgain(version: String) async throws {
        try await withDemoApp { app, _ in
            let pledge = try #require(try await Pledge.query(on: app.db).first())
            let path = "/manage/pledges/\(pledge.id!.uuidString.lowercased())"
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get(path)
            let refused = try await officer.post(path, ["title": "Typed title", "description": "", "position": "1", "version": version])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Someone else saved a change since you opened this"))
            #expect(refused.text.contains("value=\"Typed title\""), "what was typed is kept")
            #expect(refused.text.contains("name=\"version\" value=\"\(pledge.version)\""), "the form now carries the stored version")
            #expect(try await Pledge.find(pledge.id, on: app.db)?.title == pledge.title)
            let again = try await officer.post(path, ["title": "Typed title", "description": "", "position": "1"])
            #expect(again.status == .seeOther)
            #expect(try await Pledge.find(pledge.id, on: app.db)?.title == "Typed title")
        }
    }

    /// By construction: an audited record cannot be saved without its event.
    @Test func anAuditedRecordIsNeverSavedWithoutItsEvent() async throws {
        try await withDemoApp { app, _ in
            let before = try await Pledge.query(on: app.db).count()
            await #expect(throws: UnauditedWrite.self) {
                try await Pledge(title: "Plain save", description: "", position: 50).save(on: app.db)
            }
            await #expect(throws: UnauditedWrite.self) {
                try await app.db.transaction { tx in try await Pledge(title: "In a plain transaction", description: "", position: 51).save(on: tx) }
            }
            await #expect(throws: UnauditedWrite.self) {
                try await AuditTrail.transaction(on: app.db) { tx in
                    try await Pledge(title: "Audited transaction, no event", description: "", position: 52).save(on: tx)
                }
            }
            #expect(try await Pledge.query(on: app.db).count() == before, "nothing was saved")
            try await saveFixture(Pledge(title: "With its event", description: "", position: 53), on: app.db)
            #expect(try await Pledge.query(on: app.db).count() == before + 1)
        }
    }
}
