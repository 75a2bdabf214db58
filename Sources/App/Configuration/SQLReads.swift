import Fluent
import FluentSQLiteDriver
import NIOConcurrencyHelpers
import NIOPosix
import SQLKit
import Vapor

/// Reads on SQLite, beside Fluent's pool.
///
/// FluentSQLiteDriver keeps one connection per event loop (it ignores a larger
/// `maxConnectionsPerEventLoop`), and a query holds its connection from the moment it is handed to
/// the SQLite thread until every row has been handed back to the event loop, one task per row.
/// Under load the two connections, not the processor, set the pace: the event loops sat a third
/// idle while requests queued for a connection (docs/performance.md). Reads outside a transaction
/// go instead to connections of their own, opened `query_only` so that a write sent through them
/// by mistake is refused, each statement run and its rows read on a SQLite thread in one hop.
/// Writes and transactions stay on Fluent's connections.
///
/// A statement has its connection to itself while it runs: a second statement on a connection
/// with one still open would join that statement's read transaction and see its older snapshot,
/// a session already signed out, a page from before a change. So each statement checks a
/// connection out and back in; there are more connections than SQLite threads, so a statement
/// rarely waits for a connection, only for a thread. In WAL mode a
/// read never waits for the writer, and a statement on a connection of its own sees every
/// transaction committed before it began.
final class SQLiteReads: Sendable {
    let connections: [SQLiteConnection]
    let threads: NIOThreadPool
    private let executors: [ObjectIdentifier: EventLoopTaskExecutor]

    private struct Idle: Sendable {
        var connections: [SQLiteConnection]
        var waiting: [CheckedContinuation<SQLiteConnection, Never>] = []
    }
    private let idle: NIOLockedValueBox<Idle>

    private init(connections: [SQLiteConnection], threads: NIOThreadPool, group: any EventLoopGroup) {
        self.connections = connections
        self.threads = threads
        self.idle = NIOLockedValueBox(Idle(connections: connections))
        var executors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in group.makeIterator() { executors[ObjectIdentifier(loop)] = EventLoopTaskExecutor(loop) }
        self.executors = executors
    }

    /// An in-memory database is private to its connection: others would read an empty one.
    static func isInMemory(_ path: String) -> Bool {
        path == ":memory:" || path.hasPrefix("file::memory:") || path.contains("mode=memory")
    }

    static func open(path: String, count: Int, on group: any EventLoopGroup, logger: Logger) async throws -> SQLiteReads {
        // A thread per core: more only take turns on the same cores. A connection is checked out
        // before its statement waits for a thread, so there are more connections than threads
        // (measured: 8 connections on 2 threads served 7–13% more pages than 4 on 4).
        let threads = NIOThreadPool(numberOfThreads: max(2, System.coreCount))
        threads.start()
        var connections: [SQLiteConnection] = []
        do {
            for _ in 0..<count {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger, on: group.any())
                connections.append(connection)
                _ = try await connection.query("PRAGMA query_only = ON")
            }
        } catch {
            for connection in connections { try? await connection.close() }
            try? await threads.shutdownGracefully()
            throw error
        }
        return SQLiteReads(connections: connections, threads: threads, group: group)
    }

    func close() async {
        for connection in connections { try? await connection.close() }
        try? await threads.shutdownGracefully()
    }

    /// Runs one statement on a connection of its own, waiting for one if all are in use.
    func query(_ sql: String, _ binds: [SQLiteData], on eventLoop: any EventLoop, _ onRow: @escaping @Sendable (SQLiteRow) -> Void) async throws {
        // The statement's thread resumes the request on the request's own event loop, which
        // writes the response, rather than on whichever loop comes next.
        try await withTaskExecutorPreference(executors[ObjectIdentifier(eventLoop)] ?? EventLoopTaskExecutor(eventLoop)) {
            let connection = await checkOut()
            defer { checkIn(connection) }
            try await connection.query(sql, binds, onRow)
        }
    }

    private func checkOut() async -> SQLiteConnection {
        if let connection = idle.withLockedValue({ $0.connections.popLast() }) { return connection }
        return await withCheckedContinuation { waiter in
            let connection = idle.withLockedValue { s -> SQLiteConnection? in
                if let connection = s.connections.popLast() { return connection }
                s.waiting.append(waiter)
                return nil
            }
            if let connection { waiter.resume(returning: connection) }
        }
    }

    private func checkIn(_ connection: SQLiteConnection) {
        let next = idle.withLockedValue { s -> CheckedContinuation<SQLiteConnection, Never>? in
            guard !s.waiting.isEmpty else { s.connections.append(connection); return nil }
            return s.waiting.removeFirst()
        }
        next?.resume(returning: connection)
    }
}

extension Application {
    private struct SQLiteReadsKey: StorageKey { typealias Value = SQLiteReads }

    /// Set up in `configure` on SQLite; nil on PostgreSQL.
    var sqliteReads: SQLiteReads? {
        get { storage[SQLiteReadsKey.self] }
        set { storage[SQLiteReadsKey.self] = newValue }
    }
}

extension Request {
    /// The database for narrow reads: on SQLite, `SQLiteReads`; otherwise Fluent's.
    var sql: any SQLDatabase {
        get throws {
            guard let reads = application.sqliteReads else { return try db.sql }
            // Made without Fluent's `db` (a new database value, found under a lock, each time):
            // a page reads through this three times or more.
            return SQLiteReadDatabase(reads: reads, logger: logger, eventLoop: eventLoop) { [self] in try db.sql }
        }
    }
}

extension Database {
    /// This database as SQL (both drivers speak it).
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else {
                throw Abort(.internalServerError, reason: "The database does not speak SQL.")
            }
            return sql
        }
    }
}

/// SQLKit over `SQLiteReads`. Serialising the query and encoding its binds are SQLKit's own, so a
/// query means the same on either path.
struct SQLiteReadDatabase: SQLDatabase {
    let reads: SQLiteReads
    let logger: Logger
    let eventLoop: any EventLoop
    /// Fluent's database, for a session (a run of statements on one connection).
    let fluent: @Sendable () throws -> any SQLDatabase

    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, binds) = serialize(query)
        if let level = queryLogLevel { logger.log(level: level, "Executing query", metadata: ["sql": .string(sql)]) }
        let data = try binds.map { try Self.encoder.encode($0) }
        try await reads.query(sql, data, on: eventLoop) { onRow(SQLiteReadRow(row: $0)) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await fluent().withSession(closure)
    }

    private static let encoder = SQLiteDataEncoder()
}

/// A row as SQLKit sees it, reading the common column types without going through `Decodable`
/// (several times the cost of the read itself); anything else goes to SQLiteKit's decoder, so
/// the answers are the same either way.
struct SQLiteReadRow: SQLRow {
    let row: SQLiteRow

    var allColumns: [String] { row.columns.map(\.name) }

    func contains(column: String) -> Bool { row.column(column) != nil }

    func decodeNil(column: String) throws -> Bool { (row.column(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = row.column(column) else { throw MissingColumn(column: column) }
        switch data {
        case .text(let text) where D.self == String.self: return unsafeBitCast(text, to: D.self)
        case .integer(let value) where D.self == Int.self: return unsafeBitCast(value, to: D.self)
        case .float(let value) where D.self == Double.self: return unsafeBitCast(value, to: D.self)
        default: return try Self.decoder.decode(D.self, from: data)
        }
    }

    private static let decoder = SQLiteDataDecoder()

    struct MissingColumn: Error, CustomStringConvertible {
        var column: String
        var description: String { "No column \(column) in the row." }
    }
}

/// An event loop as a task's preferred executor: work resumed from another thread runs there.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop
    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The one thread of a `NIOThreadPool` as a task's preferred executor. SQLite's writer runs its
/// batches on the thread that runs its statements: a statement handed to the pool waits only for
/// the task's current step to end, and the task resumes on the same thread, so no other thread
/// is woken for either (docs/performance.md).
final class ThreadPoolTaskExecutor: TaskExecutor {
    private let pool: NIOThreadPool
    private let thread = NIOLockedValueBox<pthread_t?>(nil)

    /// `pool` must be started and have one thread.
    init(_ pool: NIOThreadPool) {
        self.pool = pool
        let ready = DispatchSemaphore(value: 0)
        pool.submit { [thread] _ in
            thread.withLockedValue { $0 = pthread_self() }
            ready.signal()
        }
        ready.wait()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { state in
            guard case .active = state else {
                // The pool has stopped (the server is stopping): the job still runs, elsewhere,
                // rather than inside whatever called `enqueue`.
                DispatchQueue.global().async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
                return
            }
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    /// Whether the calling code runs on the pool's thread.
    var isCurrent: Bool {
        guard let mine = thread.withLockedValue({ $0 }) else { return false }
        return pthread_equal(mine, pthread_self()) != 0
    }
}
