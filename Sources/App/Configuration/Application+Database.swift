import Fluent
import SQLKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

extension Application {
    /// Connects Fluent to the chosen database and logs the choice.
    func useDatabase(_ choice: DatabaseChoice) throws {
        switch choice {
        case .postgres(let url):
            // TLS follows the URL's `sslmode`/`tlsmode`; without one, TLS is used where the server offers it.
            let config = try SQLPostgresConfiguration(url: url)
            databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4), as: .psql)
        case .sqlite(let path):
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path)), as: .sqlite)
        }
        // An audited record is written only with its audit event (AuditGuard).
        databases.middleware.use(AuditGuard())
        logger.notice("Database: \(choice)")
    }

    /// SQLite: write-ahead logging so readers never wait for the writer, and a full sync on
    /// every commit so that an acknowledged write survives a power cut. The journal mode is
    /// stored in the file; `synchronous` is per connection and FULL is SQLite's compiled default,
    /// which this sets again and checks.
    func prepareDatabase() async throws {
        guard let sql = db as? any SQLDatabase, db is any SQLiteDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
        if let writer = sqliteWriter?.database(logger: logger) as? any SQLDatabase {
            try await writer.raw("PRAGMA synchronous=FULL").run()
            // The writer's batch of up to 64 submissions writes a few megabytes: with SQLite's
            // default 2 MB cache it wrote pages out to the log before the commit and read them
            // back. 16 MB holds a batch; 64 MB cost 65 MB more memory in a rush and was no faster.
            try await writer.raw("PRAGMA cache_size=-16384").run()
            try await writer.raw("PRAGMA temp_store=MEMORY").run()
        }
    }
}

extension Application {
    private struct SQLiteWriterKey: StorageKey { typealias Value = SQLiteWriterConnection }

    /// The connection audited writes use on a SQLite file (`SQLiteWriterConnection`); nil otherwise.
    var sqliteWriter: SQLiteWriterConnection? {
        get { storage[SQLiteWriterKey.self] }
        set { storage[SQLiteWriterKey.self] = newValue }
    }
}

extension Application {
    /// Runs `body` while holding a PostgreSQL advisory lock, so that instances sharing one
    /// database never migrate it at the same time. The lock is held by one connection for the
    /// whole of `body`, which may use others. SQLite has one writer and one process: no lock.
    func whileHoldingStartupLock(_ body: @escaping @Sendable () async throws -> Void) async throws {
        guard !(db is any SQLiteDatabase) else { return try await body() }
        let lockID = 0x5041_5254 // "PART"
        // A transaction-level lock: released by COMMIT, ROLLBACK, or the connection closing,
        // whatever happens to `body`.
        try await db.transaction { tx in
            try await (tx as! any SQLDatabase).raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(lockID)))").run()
            try await body()
        }
    }
}
