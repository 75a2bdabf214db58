import Fluent
import FluentSQLiteDriver
import NIOConcurrencyHelpers
import NIOPosix
import SQLKit
import Vapor

/// Group commit for SQLite's one writer. Audited writes that arrive while a batch is committing
/// wait, and then run together, each in a savepoint of one transaction that ends with one commit
/// (one `fsync` with `synchronous=FULL`) for all of them. A write that fails is rolled back to its
/// savepoint and only its caller is told; if the commit fails, every caller in the batch is told
/// and nothing of the batch is stored. A caller returns only after the commit that made its write
/// durable. Within a batch the writes run one after another, each seeing the ones before it, as
/// if each had committed on its own.
///
/// PostgreSQL has writers of its own and needs none of this: there `transaction` is a plain
/// audited transaction.
final class AuditWriter: Sendable {
    private struct Job: Sendable {
        /// Runs the write on the batch's transaction; nil when it succeeded.
        let run: @Sendable (any Database) async -> (any Error)?
        /// Tells the caller: nil when its write is durable, or why it is not.
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct State: Sendable {
        var waiting: [Job] = []
        var running = false
    }

    private let state = NIOLockedValueBox(State())
    private let commits = NIOLockedValueBox(0)
    private let database: @Sendable () -> any Database
    /// Where batches run, if not on the server's event loops (see `SQLiteWriterConnection`).
    let executor: ThreadPoolTaskExecutor?
    let grouped: Bool
    /// The most writes one commit carries: enough to share an fsync widely, few enough that the
    /// write lock is not held long.
    let batchSize = 64

    init(grouped: Bool, executor: ThreadPoolTaskExecutor? = nil, database: @escaping @Sendable () -> any Database) {
        self.grouped = grouped
        self.executor = executor
        self.database = database
    }

    /// An audited transaction (see `AuditTrail.transaction`), grouped with others on SQLite.
    /// Inside another audited transaction (a batch's write, or a plain audited transaction) it
    /// joins that one, instead of waiting for a commit that is waiting for it.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let outer = AuditTrail.current { return try await AuditTrail.transaction(on: outer, body) }
        let db = database()
        guard grouped else { return try await AuditTrail.transaction(on: db, body) }
        let result = NIOLockedValueBox<T?>(nil)
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { tx in
                    do {
                        let value = try await AuditTrail.inSavepointOfBatch(on: tx, body)
                        result.withLockedValue { $0 = value }
                        return nil
                    } catch {
                        return error
                    }
                },
                finish: { error in
                    if let error { continuation.resume(throwing: error); return }
                    continuation.resume(returning: result.withLockedValue { $0 }!)
                })
            let start = state.withLockedValue { s -> Bool in
                s.waiting.append(job)
                if s.running { return false }
                s.running = true
                return true
            }
            if start {
                if let executor { Task(executorPreference: executor) { await self.drain() } } else { Task { await self.drain() } }
            }
        }
    }

    /// Runs `body` on the writer's own executor, if it has one.
    private func onExecutor<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard let executor else { return try await body() }
        return try await withTaskExecutorPreference(executor, operation: body)
    }

    /// How many batches have been committed (for tests and benchmarks).
    var batchesCommitted: Int { commits.withLockedValue { $0 } }

    /// Commits batches until nothing waits.
    private func drain() async {
        while true {
            let batch = state.withLockedValue { s -> [Job] in
                let batch = Array(s.waiting.prefix(batchSize))
                s.waiting.removeFirst(batch.count)
                if batch.isEmpty { s.running = false }
                return batch
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Job]) async {
        let db = database()
        let outcomes = NIOLockedValueBox<[(any Error)?]>([])
        do {
            try await db.transaction { tx in
                // Fluent runs this in a task of its own, which does not inherit the batch's executor.
                try await self.onExecutor {
                    let sql = try tx.sql
                    try await AuditTrail.takeWriteLock(sql)
                    let deferred = DeferredInserts()
                    try await DeferredInserts.$current.withValue(deferred) {
                        for (i, job) in batch.enumerated() {
                            try await sql.raw("SAVEPOINT w\(unsafeRaw: String(i))").run()
                            let error = await job.run(tx)
                            if error != nil { try await sql.raw("ROLLBACK TO w\(unsafeRaw: String(i))").run() }
                            try await sql.raw("RELEASE w\(unsafeRaw: String(i))").run()
                            deferred.endWrite(kept: error == nil)
                            outcomes.withLockedValue { $0.append(error) }
                        }
                    }
                    try await deferred.flush(on: sql)
                }
            }
        } catch {
            // Nothing of the batch was stored: every caller is told.
            for job in batch { job.finish(error) }
            return
        }
        commits.withLockedValue { $0 += 1 }
        AuditChainer.shared.kick(db, on: executor)
        for (job, error) in zip(batch, outcomes.withLockedValue { $0 }) { job.finish(error) }
    }
}

extension AuditTrail {
    /// One write of a group-committed batch: the same rule as `transaction` (every audited record
    /// written has its event), checked for this write alone, inside its savepoint.
    static func inSavepointOfBatch<T: Sendable>(on tx: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let ledger = AuditLedger()
        let result = try await AuditLedger.$current.withValue(ledger) { try await AuditTrail.$current.withValue(tx) { try await body(tx) } }
        let unrecorded = ledger.unrecorded
        guard unrecorded.isEmpty else { throw UnauditedWrite(subjects: Array(unrecorded)) }
        return result
    }
}

extension Application {
    private struct AuditWriterKey: StorageKey { typealias Value = AuditWriter }

    /// How this server makes audited writes: grouped commits on SQLite, plain transactions on PostgreSQL.
    var auditWriter: AuditWriter {
        get { configured(AuditWriterKey.self) }
        set { storage[AuditWriterKey.self] = newValue }
    }
}

/// The connection SQLite's audited writes are made on, with a thread of its own, on which both
/// its statements and the batches' code run. A batch's statements run one after another, and
/// each waits for its answer: on the server's event loops that answer queued behind the pages
/// and JSON being made there (measured: the server at 110% of 200% CPU while submissions queued
/// for seconds), and on an event loop of the writer's own it still woke two threads a statement,
/// each waiting for a turn on the busy processors (126 submissions a second at most). Here the
/// code that awaits a statement and the statement run on one thread, one after the other.
/// (The event loop is Fluent's, for what it does with futures; batches do not run on it.)
final class SQLiteWriterConnection: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let threads: NIOThreadPool
    private let databases: Databases
    let executor: ThreadPoolTaskExecutor

    init(path: String) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
        databases = Databases(threadPool: threads, on: group)
        databases.use(.sqlite(.file(path)), as: .sqlite)
        // An audited record is written only with its audit event, here as on the server's connections.
        databases.middleware.use(AuditGuard())
        executor = ThreadPoolTaskExecutor(threads)
    }

    func database(logger: Logger) -> any Database {
        databases.database(.sqlite, logger: logger, on: group.next())!
    }

    func close() async {
        await databases.shutdownAsync()
        try? await threads.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
}

/// Rows that every write of a batch adds to the same tables (audit events, emails), inserted
/// together at the end of the batch, before its commit, rather than by a statement of each
/// write's own: in a deadline rush that is two statements where there were a hundred. A write
/// that fails takes its rows with it, as its savepoint takes the rest of what it wrote.
final class DeferredInserts: Sendable {
    /// The batch being written, if any.
    @TaskLocal static var current: DeferredInserts?

    private struct Rows: Sendable {
        var columns: [String]
        var rows: [[SQLBind]] = []
    }
    private struct State: Sendable {
        var pending: [String: Rows] = [:]
        var kept: [String: Rows] = [:]
        var order: [String] = []
    }
    private let state = NIOLockedValueBox(State())

    /// Adds a row to `table`, inserted at the end of the batch if the write that adds it succeeds.
    func add(_ table: String, columns: [String], _ row: [SQLBind]) {
        state.withLockedValue { s in
            s.pending[table, default: Rows(columns: columns)].rows.append(row)
        }
    }

    /// The end of one write: its rows are kept, or dropped with the rest of what it wrote.
    func endWrite(kept: Bool) {
        state.withLockedValue { s in
            defer { s.pending = [:] }
            guard kept else { return }
            for (table, rows) in s.pending {
                if s.kept[table] == nil { s.order.append(table) }
                s.kept[table, default: Rows(columns: rows.columns)].rows += rows.rows
            }
        }
    }

    /// Inserts every kept row, a few hundred to a statement.
    func flush(on sql: any SQLDatabase) async throws {
        let (order, kept) = state.withLockedValue { ($0.order, $0.kept) }
        for table in order {
            guard let rows = kept[table] else { continue }
            for start in stride(from: 0, to: rows.rows.count, by: 250) {
                var insert = sql.insert(into: table).columns(rows.columns)
                for row in rows.rows[start..<min(start + 250, rows.rows.count)] { insert = insert.values(row) }
                try await insert.run()
            }
        }
    }
}
