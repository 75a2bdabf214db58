@testable import App
import Crypto
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
            try await browser.get("/manage/pledges/\(pledge.id!.uuidString.lowercased())")
            let response = try await browser.post("/manage/pledges/\(pledge.id!.uuidString.lowercased())", [
                "title": "A Safer Salford", "description": "Fewer crimes.", "position": "3",
            ])
            #expect(response.status == .seeOther)
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "pledge.update").first())
            #expect(event.actor.contains("officer@salford.example"))
            #expect(event.actorID != nil)
            let change = try #require(event.fieldChanges["description"])
            #expect(change.before == pledge.description, "the whole value before, not a shortened one")
            #expect(change.after == "Fewer crimes.")
            #expect(event.fieldChanges["title"] == nil, "only what changed")
            #expect(event.subjectID == pledge.id!.uuidString.lowercased())
        }
    }

    /// The changes are written without an encoder: they must read back as what was recorded, and
    /// as `JSONEncoder` with sorted keys read them, for any text and either side absent.
    @Test func anEventsChangesReadBackAsRecorded() throws {
        let texts = ["", "plain", "quote \" and \\ and /", "tab\tline\nreturn\r", "\u{0}\u{1}\u{1F}\u{7F}", "£ – ü 👩🏽‍💻", "\u{2028}\u{2029}"]
        var changes: [String: FieldChange] = [:]
        for (i, text) in texts.enumerated() {
            changes["field \(i) \(text)"] = FieldChange(before: i % 3 == 0 ? nil : text, after: i % 3 == 1 ? nil : text + "!")
        }
        changes["neither"] = FieldChange(before: nil, after: nil)
        let written = AuditTrail.changesJSON(changes)
        let event = AuditEvent()
        event.changes = written
        #expect(event.fieldChanges == changes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let decoded = try JSONDecoder().decode([String: FieldChange].self, from: Data(written.utf8))
        #expect(decoded == changes)
        #expect(written.utf8.count <= (try encoder.encode(changes)).count, "no longer than the encoder's")
        #expect(AuditTrail.changesJSON([:]) == "{}")
        #expect(AuditTrail.changesJSON(["b": .init(before: "1", after: "2"), "a": .init(before: nil, after: "x")]) == #"{"a":{"after":"x"},"b":{"after":"2","before":"1"}}"#)
    }

    @Test func editingAnEventBehindTheApplicationsBackIsCaught() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_log SET note = 'nothing happened' WHERE seq = 7").run()
            let result = try await AuditTrail.verify(on: app.db)
            #expect(result == .broken(seq: 7, reason: "its content does not match its MAC (it was changed after it was written)"))
        }
    }

    /// Someone with the database but not the key rewrites an event and every MAC and link after
    /// it, as the unkeyed chain allowed: without the key they cannot make them hold.
    @Test func rewritingAnEventAndItsChainWithoutTheKeyIsCaught() async throws {
        try await withDemoApp { app, _ in
            let guessedKey = SymmetricKey(data: Array(repeating: UInt8(7), count: 32))
            let events = try await AuditEvent.query(on: app.db).filter(\.$seq >= 5).sort(\.$seq).all()
            var prev = try #require(try await AuditEvent.query(on: app.db).filter(\.$seq == 4).first()?.chain)
            for event in events {
                if event.seq == 5 { event.note = "forged" }
                event.mac = event.computedMAC(key: guessedKey)
                event.prevChain = prev
                event.chain = AuditEvent.chainMAC(seq: event.seq!, prev: prev, mac: event.mac, key: guessedKey)
                prev = event.chain!
                try await event.save(on: app.db)
            }
            try await (app.db as! any SQLDatabase).raw("UPDATE audit_head SET hash = \(bind: prev) WHERE id = 1").run()
            guard case .broken(let seq, _) = try await AuditTrail.verify(on: app.db) else { Issue.record("not caught"); return }
            #expect(seq == 5)
        }
    }

    @Test func aCheckpointMinutedEarlierIsProvedLater() async throws {
        try await withDemoApp { app, _ in
            guard case .intact(let count, let head) = try await AuditTrail.verify(on: app.db) else { Issue.record("not intact"); return }
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/pledges/new")
            #expect(try await officer.post("/manage/pledges/new", ["title": "Later pledge"]).status == .seeOther)
            guard case .intact(let later, _) = try await AuditTrail.verify(on: app.db, checkpoint: (count, head)) else { Issue.record("checkpoint not proved"); return }
            #expect(later > count)
            #expect(try await AuditTrail.verify(on: app.db, checkpoint: (count, String(repeating: "0", count: 64))) != .intact(events: later, head: head))
            guard case .broken = try await AuditTrail.verify(on: app.db, checkpoint: (later + 10, head)) else { Issue.record("a checkpoint past the end passed"); return }
        }
    }

    /// Verification reads one snapshot: writes made while it runs are not tampering.
    @Test func verifyingDuringAStreamOfWritesRaisesNoFalseAlarm() async throws {
        try await withDemoApp { app, _ in
            let pledge = try #require(try await Pledge.query(on: app.db).first())
            let writer = Task {
                for round in 0..<60 {
                    try await AuditTrail.transaction(on: app.db) { tx in
                        let p = try await Pledge.find(pledge.id, on: tx)!
                        let before = p.auditFields
                        p.description = "stream \(round)"
                        try await p.save(on: tx)
                        try await AuditTrail.record("pledge.update", p, before: before, by: .system("test"), at: Date(), on: tx)
                    }
                }
            }
            for _ in 0..<10 {
                let result = try await AuditTrail.verify(on: app.db)
                guard case .intact = result else { Issue.record("false alarm: \(result)"); break }
            }
            try await writer.value
            guard case .intact = try await AuditTrail.verify(on: app.db) else { Issue.record("broken after the stream"); return }
        }
    }

    /// A process started with a mistyped key must not write links the right key cannot prove.
    @Test func aChainerWithTheWrongKeyLinksNothing() async throws {
        try await withDemoApp { app, _ in
            guard case .intact = try await AuditTrail.verify(on: app.db) else { Issue.record("not intact to begin with"); return }
            // An event left waiting: written as AuditTrail.transaction would, but without waking the chainer.
            try await app.db.transaction { tx in try await AuditLedger.$current.withValue(AuditLedger()) {
                try await AuditTrail.record("test.waiting", subjectType: "test", subjectID: "1", changes: [:], by: .system("test"), at: Date(), on: tx)
            } }
            let wrong = AuditChainer(key: SymmetricKey(data: Array(repeating: UInt8(9), count: 32)))
            await #expect(throws: WrongKey.self) { _ = try await wrong.chainBatch(on: app.db) }
            guard case .intact = try await AuditTrail.verify(on: app.db) else { Issue.record("the right key no longer proves the chain"); return }
        }
    }

    @Test func theKeyIsKeptOutsideTheDatabase() async throws {
        #expect(throws: AuditKey.Missing.self) { try AuditKey.load(AppSettings(database: .postgres(url: "postgres://db/x"))) }
        #expect(throws: AuditKey.Unreadable.self) { try AuditKey.parse("too short") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID())/p.sqlite").path
        let first = try AuditKey.load(AppSettings(database: .sqlite(path: path)))
        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".audit-key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try AuditKey.load(AppSettings(database: .sqlite(path: path))) == first, "read again on the next start")
    }

    /// A database restored without its key file: a new key would prove nothing, so the server
    /// refuses to start, and makes no key file.
    @Test func aDatabaseWithoutItsKeyFileIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("restored-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("p.sqlite").path
        try Data("SQLite format 3\u{0}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AuditKey.Unreadable.self) { try AuditKey.load(AppSettings(database: .sqlite(path: path))) }
        #expect(!FileManager.default.fileExists(atPath: path + ".audit-key"))
    }

    @Test func deletingEventsIsCaught() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_log WHERE seq = 3").run()
            guard case .broken(let seq, _) = try await AuditTrail.verify(on: app.db) else { Issue.record("middle deletion not caught"); return }
            #expect(seq == 3)
        }
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)").run()
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

/// Group commit on SQLite: writes that arrive together share one commit, and each one's failure
/// is its own.
@Suite("Group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    @Test func aFailingWriteInABatchTakesNothingElseWithIt() async throws {
        try await withDemoApp { app, _ in
            let before = try await Pledge.query(on: app.db).count()
            let eventsBefore = try await AuditEvent.query(on: app.db).filter(\.$action == "pledge.create").count()
            let batchesBefore = app.auditWriter.batchesCommitted
            let outcomes = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for i in 0..<40 {
                    group.addTask {
                        do {
                            try await app.auditWriter.transaction { tx in
                                let p = Pledge(title: "Batch pledge \(i)", description: "", position: 100 + i)
                                try await p.create(on: tx)
                                // Every write queues an email; a write that fails loses it with its event.
                                try await Outbox.enqueue(Email(kind: "test", to: "batch@example.org", subject: "Batch email \(i)", paragraphs: ["\(i)"]), at: Date(), on: tx)
                                if i % 7 == 0 { return }  // written without its event
                                try await AuditTrail.record("pledge.create", p, before: nil, by: .system("test"), at: Date(), on: tx)
                                if i % 5 == 0 { throw Refused() }
                            }
                            return (i, "saved")
                        } catch is Refused {
                            return (i, "refused")
                        } catch is UnauditedWrite {
                            return (i, "unaudited")
                        }
                    }
                }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            let expected = (0..<40).map { i in i % 7 == 0 ? "unaudited" : i % 5 == 0 ? "refused" : "saved" }
            #expect((0..<40).map { outcomes[$0] } == expected)
            let saved = try await Pledge.query(on: app.db).filter(\.$title ~~ "Batch pledge").all().map(\.title)
            #expect(Set(saved) == Set((0..<40).filter { expected[$0] == "saved" }.map { "Batch pledge \($0)" }))
            #expect(try await Pledge.query(on: app.db).count() == before + saved.count)
            // The events and emails of the writes that failed went with them.
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "pledge.create").count() == eventsBefore + saved.count)
            let emails = try await OutgoingEmail.query(on: app.db).filter(\.$recipient == "batch@example.org").all().map(\.subject)
            #expect(Set(emails) == Set((0..<40).filter { expected[$0] == "saved" }.map { "Batch email \($0)" }) && emails.count == saved.count)
            if app.auditWriter.grouped {
                let batches = app.auditWriter.batchesCommitted - batchesBefore
                #expect(batches >= 1 && batches < 40, "40 writes at once took \(batches) commits")
            }
            guard case .intact = try await AuditTrail.verify(on: app.db) else { Issue.record("chain broken"); return }
        }
    }

    /// An audited write started inside another audited transaction joins it: it neither waits
    /// for a lock the outer one holds (which would hang every write) nor commits on its own.
    /// On a SQLite file the batch runs on the writer's own thread, the one its statements run
    /// on, not on the loops that make pages, where each statement's answer waited for a turn
    /// (docs/performance.md).
    @Test func aBatchRunsOnTheWritersOwnThread() async throws {
        try await withDemoApp { app, _ in
            guard app.settings.database.isSQLite else { #expect(app.auditWriter.executor == nil); return }
            let writer = try #require(app.auditWriter.executor)
            #expect(!writer.isCurrent)
            let onWriter = try await app.auditWriter.transaction { tx in
                let p = Pledge(title: "On the writer's thread", description: "", position: 302)
                try await p.create(on: tx)
                let afterAStatement = writer.isCurrent
                try await AuditTrail.record("pledge.create", p, before: nil, by: .system("test"), at: Date(), on: tx)
                return afterAStatement && writer.isCurrent
            }
            #expect(onWriter)
        }
    }

    @Test func anAuditedWriteInsideAnotherJoinsIt() async throws {
        try await withDemoApp { app, _ in
            struct Undo: Error {}
            let outcome = try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask {
                    do {
                        try await AuditTrail.transaction(on: app.db) { tx in
                            try await saveFixture(Pledge(title: "Outer", description: "", position: 300), on: tx)
                            try await app.auditWriter.transaction { inner in
                                let p = Pledge(title: "Inner", description: "", position: 301)
                                try await p.create(on: inner)
                                try await AuditTrail.record("pledge.create", p, before: nil, by: .system("test"), at: Date(), on: inner)
                            }
                            throw Undo()
                        }
                    } catch is Undo {}
                    return "finished"
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(20))
                    return "hung"
                }
                let first = try await group.next()!
                group.cancelAll()
                return first
            }
            #expect(outcome == "finished")
            #expect(try await Pledge.query(on: app.db).filter(\.$title ~~ ["Outer", "Inner"]).count() == 0, "the inner write was undone with the outer")
            #expect(try await Pledge.query(on: app.db).count() > 0)
        }
    }
}
