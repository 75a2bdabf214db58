@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("The Salford 2003 demo")
struct DemoTests {
    @Test func itHoldsWhatTheSeedsSay() async throws {
        try await withDemoApp { app, _ in
            #expect(try await Council.query(on: app.db).first()?.name == "City of Salford")
            #expect(try await Directorate.query(on: app.db).sort(\.$position).all().map(\.name) == ["Corporate Services", "Personnel and Performance"])
            #expect(try await Division.query(on: app.db).sort(\.$position).all().map(\.name) == [
                "Finance", "Law and Administration", "Salford IT Net", "Salford Advance", "Customer Services", "Personnel and Performance",
            ])
            // Every service named in the advertisement: 6 + 6 + 4 + 3 + 5 + 12.
            #expect(try await Service.query(on: app.db).count() == 36)
            #expect(try await Pledge.query(on: app.db).sort(\.$position).all().map(\.title) == [
                "Stronger Communities", "Making Salford a better place to live", "A Safer Salford", "Quality homes for all", "Clean and healthy city",
            ])
            let objectives = try await Objective.query(on: app.db).sort(\.$number).all()
            #expect(objectives.map(\.numeral) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"])
            #expect(objectives[0].title == "To improve quality and add value to services.")
            let heavier = objectives.filter { o in objectives.allSatisfy { $0.weight <= o.weight } }.map(\.numeral)
            #expect(heavier == ["I", "VI", "VIII"])
        }
    }

    @Test func theWeightHistoryRecordsTheProjectBoard() async throws {
        try await withDemoApp { app, _ in
            let changes = try await WeightChange.query(on: app.db).with(\.$objective).all()
            #expect(changes.count == 8)
            #expect(changes.allSatisfy { $0.changedBy == "Project Board" && $0.reason.contains("26 February 2003") })
            #expect(LondonTime.date(changes[0].changedAt) == "26 February 2003")
        }
    }

    @Test func profilesArePublishedWhereTheSeedsSaySomething() async throws {
        try await withDemoApp { app, _ in
            let legal = try #require(try await Service.query(on: app.db).filter(\.$slug == "legal-services").first())
            #expect(legal.status == .published)
            #expect(legal.improvementPlans.contains("LEXCEL"))
            let internalAudit = try #require(try await Service.query(on: app.db).filter(\.$slug == "internal-audit").first())
            #expect(internalAudit.status == .draft)
            #expect(try await Service.query(on: app.db).filter(\.$status == .published).count() > 15)
        }
    }

    @Test func demoPasswordsAreHashedWithBcrypt() async throws {
        try await withDemoApp { app, _ in
            let users = try await User.query(on: app.db).all()
            #expect(Set(users.map(\.role)) == Set(Role.allCases))
            #expect(users.allSatisfy { $0.passwordHash.hasPrefix("$2") && !$0.passwordHash.contains(TestDatabase.demoPassword) })
        }
    }

    /// Asked of SQLite itself, on a new file set up as `serve` sets it up, on every connection
    /// the pool hands out.
    @Test func sqliteIsInWALModeWithFullSync() async throws {
        guard TestDatabase.postgresAdminURL == nil else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let app = try await Application.make(.testing)
        do {
            try await app.configure(settings: TestDatabase.settings(.sqlite(path: path)), clock: TestClock())
            try await app.autoMigrate()
            try await app.prepareDatabase()
            struct Mode: Decodable { var journal_mode: String }
            struct Sync: Decodable { var synchronous: Int }
            let sql = app.db as! any SQLDatabase
            let answers = try await withThrowingTaskGroup(of: (String?, Int?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        (try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)?.journal_mode,
                         try await sql.raw("PRAGMA synchronous").first(decoding: Sync.self)?.synchronous)
                    }
                }
                return try await group.reduce(into: [(String?, Int?)]()) { $0.append($1) }
            }
            for (mode, sync) in answers {
                #expect(mode == "wal")
                #expect(sync == 2, "synchronous=FULL is 2")
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test(arguments: [
        (nil, DatabaseChoice.sqlite(path: "data/partnering.sqlite")),
        ("postgres://u:p@db:5432/x", .postgres(url: "postgres://u:p@db:5432/x")),
        ("postgresql://db/x", .postgres(url: "postgresql://db/x")),
        ("/var/lib/partnering.sqlite", .sqlite(path: "/var/lib/partnering.sqlite")),
    ] as [(String?, DatabaseChoice)])
    func databaseURLChoosesTheDatabase(url: String?, expected: DatabaseChoice) {
        #expect(DatabaseChoice.from(databaseURL: url) == expected)
    }

    @Test func theLoggedDatabaseNeverShowsAPassword() {
        #expect(!DatabaseChoice.postgres(url: "postgres://u:secret@db/x").description.contains("secret"))
    }
}
