@testable import App
import Fluent
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Audit trail")
struct AuditTrailTests {
    @Test func theDemoLeavesAnIntactChain() async throws {
        try await withDemoApp { app, _ in
            let result = try await AuditTrail.verify(on: app.db)
            guard case .intact(let count, _) = result else { Issue.record("chain broken: \(result)"); return }
            #expect(count == (try await AuditEvent.query(on: app.db).count()))
            #expect(count > 50)
        }
    }

    @Test func aChangeThroughThePagesIsRecordedWithWhoAndBeforeAndAfter() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .officer)
            let pledge = try #require(try await Pledge.query(on: app.db).filter(\.$title == "A Safer Salford").first())
            let response = try await browser.post("/manage/pledges/\(pledge.id!.uuidString.lowercased())", [
                "title": "A Safer Salford", "description": "Fewer crimes.", "position": "3",
            ])
            #expect(response.status == .seeOther)
            let event = try #require(try await AuditEvent.query(on: app.db).sort(\.$seq, .descending).first())
            #expect(event.action == "pledge.update")
            #expect(event.actor.contains("officer@salford.example"))
            #expect(event.summary.hasPrefix("description: 'Linked in 2003/04"))
            #expect(event.summary.contains("→ 'Fewer crimes.'"))
            #expect(event.subjectID == pledge.id!.uuidString.lowercased())
        }
    }

    @Test func editingAnEventBehindTheApplicationsBackIsCaught() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_events SET summary = 'nothing happened' WHERE seq = 7").run()
            let result = try await AuditTrail.verify(on: app.db)
            #expect(result == .broken(seq: 7, reason: "its content does not match its hash (it was changed after it was written)"))
        }
    }

    @Test func rewritingAnEventAndItsHashBreaksTheNextLink() async throws {
        try await withDemoApp { app, _ in
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$seq == 5).first())
            event.summary = "forged"
            event.hash = event.computedHash
            try await event.save(on: app.db)
            guard case .broken(let seq, _) = try await AuditTrail.verify(on: app.db) else { Issue.record("not caught"); return }
            #expect(seq == 6)
        }
    }

    @Test func deletingEventsIsCaught() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_events WHERE seq = 3").run()
            guard case .broken(let seq, _) = try await AuditTrail.verify(on: app.db) else { Issue.record("middle deletion not caught"); return }
            #expect(seq == 3)
        }
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)").run()
            guard case .broken = try await AuditTrail.verify(on: app.db) else { Issue.record("tail deletion not caught"); return }
        }
    }

    @Test func concurrentChangesKeepOneUnbrokenChain() async throws {
        try await withDemoApp { app, _ in
            let pledges = try await Pledge.query(on: app.db).all()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<8 {
                    for pledge in pledges {
                        group.addTask {
                            try await AuditTrail.transaction(on: app.db) { tx in
                                let p = try await Pledge.find(pledge.id, on: tx)!
                                let before = p.auditFields
                                p.description = "round \(round)"
                                try await p.save(on: tx)
                                try await AuditTrail.record("pledge.update", p, before: before, by: .system("test"), at: Date(), on: tx)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let result = try await AuditTrail.verify(on: app.db)
            guard case .intact = result else { Issue.record("chain broken under concurrency: \(result)"); return }
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "pledge.update").count() == 8 * pledges.count)
        }
    }

    @Test func theAdministratorSeesTheTrailAndCanCheckIt() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .administrator)
            let page = try await browser.get("/admin/audit?verify=1")
            #expect(page.status == .ok)
            #expect(page.text.contains("Intact"))
            #expect(page.text.contains("demo loader"))
            let older = try await browser.get("/admin/audit?page=2")
            #expect(older.status == .ok)
            #expect(try await browser.get("/admin/audit?page=banana").status.code < 500)
        }
    }
}
