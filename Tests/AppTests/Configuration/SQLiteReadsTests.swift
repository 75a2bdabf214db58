@testable import App
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

/// On SQLite, a request's narrow reads go to connections of their own (`SQLiteReads`). Seen from
/// outside: they see every commit made before them, nothing can be written through them, and
/// they read values exactly as Fluent's connections do.
@Suite("Reads on SQLite's own connections")
struct SQLiteReadsTests {
    static func request(_ app: Application) -> Request {
        Request(application: app, on: app.eventLoopGroup.any())
    }

    @Test func eachReadSeesEveryCommitBeforeIt() async throws {
        try await withDemoApp { app, _ in
            guard app.sqliteReads != nil else { return } // PostgreSQL: one pool for everything
            let pledge = try #require(try await Pledge.query(on: app.db).first())
            for n in 1...20 {
                pledge.title = "Pledge, version \(n)"
                try await saveFixture(pledge, on: app.db)
                let read = try await Self.request(app).sql.raw("SELECT title FROM pledges WHERE id = \(bind: pledge.id!)")
                    .first(decoding: [String: String].self)
                #expect(read?["title"] == "Pledge, version \(n)")
            }
        }
    }

    @Test func nothingCanBeWrittenThroughThem() async throws {
        try await withDemoApp { app, _ in
            guard app.sqliteReads != nil else { return }
            let before = try await Pledge.query(on: app.db).count()
            await #expect(throws: (any Error).self) {
                try await Self.request(app).sql.raw("DELETE FROM pledges").run()
            }
            #expect(try await Pledge.query(on: app.db).count() == before)
        }
    }

    @Test func theyReadValuesAsFluentsConnectionsDo() async throws {
        try await withDemoApp { app, _ in
            let query: SQLQueryString = """
                SELECT s.id, s.name, s.position, s.staff, s.budget_pounds, s.published_at, o.weight, u.is_active, u.role
                FROM services s, objectives o, users u ORDER BY s.position, s.id, o.number, u.email LIMIT 50
                """
            struct Row: Decodable, Equatable {
                var id: UUID; var name: String; var position: Int; var staff: Int?; var budget_pounds: Int?
                var published_at: Date?; var weight: Double; var is_active: Bool; var role: Role
            }
            let mine = try await Self.request(app).sql.raw(query).all(decoding: Row.self)
            let fluents = try await app.db.sql.raw(query).all(decoding: Row.self)
            #expect(mine.count == 50)
            #expect(mine == fluents)
        }
    }

    /// A statement left open on a connection (here: held in its first row) must not be joined by
    /// another: that one would read the open statement's older snapshot. Seen failing when the
    /// connections were picked in turn: every fourth read, on the held connection, missed the
    /// commit made after the held statement began.
    @Test func aStatementNeverSharesAConnectionWithAnOpenOne() async throws {
        try await withDemoApp { app, _ in
            guard let reads = app.sqliteReads else { return }
            let held = DispatchSemaphore(value: 0), reached = DispatchSemaphore(value: 0)
            let first = NIOLockedValueBox(true)
            let long = Task {
                try await reads.query("SELECT title FROM pledges", [], on: app.eventLoopGroup.any()) { _ in
                    guard first.withLockedValue({ let was = $0; $0 = false; return was }) else { return }
                    reached.signal()
                    held.wait()
                }
            }
            await withCheckedContinuation { c in DispatchQueue.global().async { reached.wait(); c.resume() } }

            let before = try await Pledge.query(on: app.db).count()
            try await saveFixture(Pledge(title: "Made while a read was open", description: "", position: 99), on: app.db)
            for n in 1...(2 * reads.connections.count) {
                let seen = try await Self.request(app).sql.raw("SELECT COUNT(*) AS n FROM pledges").first(decoding: [String: Int].self)?["n"]
                #expect(seen == before + 1, "read \(n) saw \(seen ?? -1) pledges, not \(before + 1)")
            }
            held.signal()
            try await long.value
        }
    }
}
