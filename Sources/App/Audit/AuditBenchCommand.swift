import Fluent
import Foundation
import SQLKit
import Vapor

/// `partnering audit bench`: how many audited writes a second this database sustains at N
/// concurrent writers, against plain inserts of the same row in the same run. It writes to a
/// table of its own (`bench_rows`, dropped afterwards) and adds its events to the audit trail,
/// so run it on a copy, never on a council's live database. `bench/audit-writes` runs it.
struct AuditBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "writers", help: "Concurrent writers (default 64)") var writers: Int?
        @Option(name: "seconds", help: "Seconds per phase (default 10)") var seconds: Double?
    }

    var help: String { "Measure audited writes per second against plain inserts (on a copy)" }

    struct Figures {
        var latencies: [Double] = []
        var seconds = 0.0
        var rate: Double { Double(latencies.count) / seconds }
        var p99: Double { latencies.isEmpty ? 0 : latencies.sorted()[Int(Double(latencies.count - 1) * 0.99)] * 1000 }
    }

    func measure(writers: Int, seconds: Double, _ write: @escaping @Sendable (Int) async throws -> Void) async throws -> Figures {
        let deadline = Date().addingTimeInterval(seconds)
        let started = Date()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for w in 0..<writers {
                group.addTask {
                    var mine: [Double] = []
                    while Date() < deadline {
                        let t = Date()
                        try await write(w * 10_000_000 + mine.count)
                        mine.append(Date().timeIntervalSince(t))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        return Figures(latencies: latencies, seconds: Date().timeIntervalSince(started))
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        // `--yes` answers for a script.
        guard context.console.confirm("This adds events to the audit trail of \(context.application.settings.database.description). Is it a copy?") else {
            throw Abort(.badRequest, reason: "not run: use a copy of the database")
        }
        let app = context.application
        let writers = signature.writers ?? 64, seconds = signature.seconds ?? 10
        try await app.autoMigrate()
        try await app.prepareDatabase()
        let db = app.db
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP TABLE IF EXISTS bench_rows").run()
        try await sql.raw("CREATE TABLE bench_rows (id VARCHAR(40) PRIMARY KEY, title TEXT NOT NULL)").run()
        @Sendable func insert(_ tx: any Database, _ id: String, _ title: String) async throws {
            try await (tx as! any SQLDatabase).raw("INSERT INTO bench_rows (id, title) VALUES (\(bind: id), \(bind: title))").run()
        }
        let plain = try await measure(writers: writers, seconds: seconds) { i in
            try await db.transaction { tx in try await insert(tx, UUID().uuidString, "plain \(i)") }
        }
        let audited = try await measure(writers: writers, seconds: seconds) { i in
            try await app.auditWriter.transaction { tx in
                let id = UUID().uuidString
                try await insert(tx, id, "audited \(i)")
                try await AuditTrail.record("bench.write", subjectType: "bench_rows", subjectID: id,
                                            changes: ["title": FieldChange(before: nil, after: "audited \(i)")],
                                            by: .system("audit bench"), at: Date(), on: tx)
            }
        }
        let verifying = Date()
        guard case .intact(let events, _) = try await AuditTrail.verify(on: db) else {
            context.console.error("The chain did not verify after the run.")
            throw Abort(.internalServerError)
        }
        let verifySeconds = Date().timeIntervalSince(verifying)
        try await sql.raw("DROP TABLE bench_rows").run()
        let name = app.settings.database.description.components(separatedBy: " ").first ?? ""
        context.console.print("| database | writers | plain inserts/s | plain p99 (ms) | audited writes/s | audited p99 (ms) | audited ÷ plain |")
        context.console.print("|---|---:|---:|---:|---:|---:|---:|")
        context.console.print(String(format: "| %@ | %d | %.0f | %.1f | %.0f | %.1f | %.0f%% |", name, writers,
                                     plain.rate, plain.p99, audited.rate, audited.p99, audited.rate / plain.rate * 100))
        context.console.print(String(format: "After the run: %d events chained; chaining what was left and verifying all took %.1f s.", events, verifySeconds))
    }
}
