import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Whose an upload is, and the most their kept uploads may hold together.
struct FileOwner: Sendable {
    var id: UUID
    var quota: Int
}

/// Which kept files each owner holds — a responding organisation: what it uploaded (and as what
/// kind), and what its submitted copies name. One row an owner and file. The ledger is what an
/// owner's quota counts, what says which files it may name, and what keeps a file from being
/// swept: a row of a submitted copy's file is kept for good, any other goes a day after its
/// upload unless the owner's own answers name the file (`FileSweep`).
enum FileLedger {
    /// The bytes an owner holds: each kept file its ledger names, counted once.
    static func used(by owner: UUID, on db: any Database) async throws -> Int {
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT CAST(COALESCE(SUM(f.size), 0) AS BIGINT) AS used FROM stored_files f
            WHERE f.sha256 IN (SELECT u.sha256 FROM file_uploads u WHERE u.owner_id = \(bind: owner))
            """).first()
        return try row?.decode(column: "used", as: Int.self) ?? 0
    }

    /// The end of an upload whose bytes have all arrived: the file checked by its content and
    /// against its owner's quota, then kept and recorded as theirs; or discarded, with the reason.
    static func conclude(_ upload: any FileUpload, name: String, kind: FileKind, text: Bool, owner: FileOwner?, app: Application) async throws -> Upload {
        let stored = try await upload.finish()
        if let problem = try await FileCheck.problem(kind: kind, size: stored.size, text: text, read: { try await upload.read(offset: $0, length: $1) }) {
            await upload.discard()
            return .refused(problem)
        }
        if let owner, try await !holds(stored.sha256, owner: owner.id, on: app.db) {
            // Checked, not reserved: uploads finishing at the same moment can pass the quota by a file each.
            let used = try await used(by: owner.id, on: app.db)
            if used + stored.size > owner.quota {
                await upload.discard()
                return .overQuota(overQuota(used: used, quota: owner.quota))
            }
        }
        // The owner's row first: a sweep that has not yet looked at the file then keeps it, and
        // one that has is waited for by `keep`, which then keeps this copy.
        if let owner { try await record(stored, kind: kind, owner: owner.id, at: app.clock.now(), on: app.db) }
        let kept = try await upload.keep()
        return .kept(FileAnswer(sha256: kept.sha256, name: name, size: kept.size, type: kind.rawValue))
    }

    /// Why an owner's upload is refused for its quota.
    static func overQuota(used: Int, quota: Int) -> String {
        "Your organisation’s files already take \(MultipartUpload.megabytes(used)) of the \(MultipartUpload.megabytes(quota)) it may keep: "
            + "remove files from draft answers you no longer need (a file no answer names is let go a day after it was uploaded; "
            + "files in submitted responses are kept), or ask the council for more room"
    }

    /// Records that `owner` uploaded `file` as `kind` (again: the upload's time and kind are the newest).
    static func record(_ file: StoredFile, kind: FileKind, owner: UUID, at: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).insert(into: "file_uploads")
            .columns("id", "owner_id", "sha256", "size", "kind", "uploaded_at", "submitted")
            .values(SQLBind(UUID.random()), SQLBind(owner), SQLBind(file.sha256), SQLBind(file.size), SQLBind(kind.rawValue), SQLBind(at), SQLBind(false))
            .onConflict(with: ["owner_id", "sha256"]) { $0.set(excludedValueOf: "uploaded_at").set(excludedValueOf: "kind") }
            .run()
    }

    /// Records, in the transaction that stores a submitted copy, that `owner`'s copy names these
    /// files: their rows are kept for good, and so are the files.
    static func submitted(_ files: [FileAnswer], owner: UUID, at: Date, on tx: any Database) async throws {
        guard !files.isEmpty else { return }
        var insert = (tx as! any SQLDatabase).insert(into: "file_uploads").columns("id", "owner_id", "sha256", "size", "kind", "uploaded_at", "submitted")
        for f in files { insert = insert.values(SQLBind(UUID.random()), SQLBind(owner), SQLBind(f.sha256), SQLBind(f.size), SQLBind(f.type), SQLBind(at), SQLBind(true)) }
        try await insert.onConflict(with: ["owner_id", "sha256"]) { $0.set("submitted", to: true) }.run()
    }

    /// Whether the owner already holds the file (so a second upload of it takes no more room).
    static func holds(_ sha256: String, owner: UUID, on db: any Database) async throws -> Bool {
        try await (db as! any SQLDatabase).raw("""
            SELECT 1 AS found FROM file_uploads WHERE owner_id = \(bind: owner) AND sha256 = \(bind: sha256)
            """).first() != nil
    }

    /// The kinds the owner uploaded these files as (a file kept from before the ledger has none).
    static func kinds(of files: some Collection<String>, owner: UUID, on sql: any SQLDatabase) async throws -> [String: Set<String>] {
        guard !files.isEmpty else { return [:] }
        var out: [String: Set<String>] = [:]
        for row in try await sql.raw("""
            SELECT sha256, kind FROM file_uploads WHERE owner_id = \(bind: owner) AND sha256 IN (\(binds: Array(Set(files)).sorted()))
            """).all() {
            let sha = try row.decode(column: "sha256", as: String.self)
            if let kind = try row.decode(column: "kind", as: String?.self) { out[sha, default: []].insert(kind) }
        }
        return out
    }

    /// Of `files`, those the store no longer holds, read in the writing transaction `tx` that
    /// will name them. On PostgreSQL the rows are locked against the sweep (`FOR SHARE`): the
    /// sweep takes them `FOR UPDATE` before it looks for answers naming them, so either it sees
    /// this transaction's answers, or this sees the file gone. SQLite's one writer orders them.
    static func missing(_ files: some Collection<String>, on tx: any Database) async throws -> Set<String> {
        guard !files.isEmpty else { return [] }
        let wanted = Set(files)
        let lock = tx is any SQLiteDatabase ? "" : " FOR SHARE"
        let rows = try await (tx as! any SQLDatabase).raw("""
            SELECT sha256 FROM stored_files WHERE sha256 IN (\(binds: wanted.sorted()))\(unsafeRaw: lock)
            """).all()
        let held = Set(try rows.map { try $0.decode(column: "sha256", as: String.self) })
        return wanted.subtracting(held)
    }
}

/// Removes what the file store holds for nothing. Runs with the scheduled work; safe to run on
/// several instances at once. In three steps:
/// 1. An owner's ledger row goes a day after its last upload, unless a submitted copy of the
///    owner's names the file, or the owner's own draft answers do: what an organisation holds
///    (and its quota counts) is what it uploaded lately and what its answers name.
/// 2. A kept file no ledger row holds goes, a day after it was kept, unless a draft answer names
///    it. Submitted copies need not be searched: each file they name has its owner's row for good,
///    written in the copy's transaction.
/// 3. The chunks of uploads that never finished (a connection lost, a server killed mid-upload).
enum FileSweep {
    /// How long a file no answer names is kept after its last upload: long enough for a form
    /// shown back with the file to be saved.
    static let grace: TimeInterval = 24 * 3600

    struct Result: Equatable, Sendable {
        var files = 0
        var bytes = 0
        var ledgerRows = 0
        var abandonedChunks = 0
    }

    @discardableResult
    static func run(_ app: Application, now: Date? = nil) async throws -> Result {
        let cutoff = (now ?? app.clock.now()).addingTimeInterval(-grace)
        let sql = app.db as! any SQLDatabase
        var result = Result()
        // 1. Ledger rows whose time has passed.
        let rows = try await sql.raw("""
            SELECT id, owner_id, sha256 FROM file_uploads WHERE uploaded_at < \(bind: cutoff) AND submitted = \(bind: false)
            """).all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self), owner = try row.decode(column: "owner_id", as: UUID.self)
            let sha = try row.decode(column: "sha256", as: String.self)
            let gone = try await app.auditWriter.transaction { tx -> Bool in
                let sql = tx as! any SQLDatabase
                // The owner's drafts only: a SHA-256 is 64 hex digits, so text naming it by chance keeps the row, the safe way to be wrong.
                let named = try await sql.raw("""
                    SELECT 1 AS found FROM response_sections s JOIN responses r ON r.id = s.response_id
                    WHERE r.organisation_id = \(bind: owner) AND s.answers LIKE \(bind: "%" + sha + "%")
                    """).first()
                guard named == nil else { return false }
                return !(try await sql.raw("""
                    DELETE FROM file_uploads WHERE id = \(bind: id) AND submitted = \(bind: false) AND uploaded_at < \(bind: cutoff) RETURNING id
                    """).all().isEmpty)
            }
            if gone { result.ledgerRows += 1 }
        }
        // 2. Kept files no row holds.
        let candidates = try await sql.raw("""
            SELECT f.sha256 FROM stored_files f
            WHERE f.stored_at < \(bind: cutoff) AND NOT EXISTS (SELECT 1 FROM file_uploads u WHERE u.sha256 = f.sha256)
            """).all().map { try $0.decode(column: "sha256", as: String.self) }
        for sha in candidates {
            let removed = try await app.auditWriter.transaction { tx -> Int? in
                let sql = tx as! any SQLDatabase
                let lock = tx is any SQLiteDatabase ? "" : " FOR UPDATE"
                // Locked first, then looked for: a save naming it (which holds it `FOR SHARE`) commits first, or finds it gone.
                guard let row = try await sql.raw("SELECT blob, size FROM stored_files WHERE sha256 = \(bind: sha)\(unsafeRaw: lock)").first() else { return nil }
                if try await sql.raw("SELECT 1 AS found FROM file_uploads WHERE sha256 = \(bind: sha)").first() != nil { return nil }
                if try await sql.raw("SELECT 1 AS found FROM response_sections WHERE answers LIKE \(bind: "%" + sha + "%")").first() != nil { return nil }
                let blob = try row.decode(column: "blob", as: UUID.self)
                try await sql.raw("DELETE FROM file_chunks WHERE blob = \(bind: blob)").run()
                try await sql.raw("DELETE FROM stored_files WHERE sha256 = \(bind: sha)").run()
                return try row.decode(column: "size", as: Int.self)
            }
            if let removed { result.files += 1; result.bytes += removed }
        }
        // 3. Chunks of uploads never kept: written before the cutoff, their blob no kept file's.
        result.abandonedChunks = try await app.auditWriter.transaction { tx in
            try await (tx as! any SQLDatabase).raw("""
                DELETE FROM file_chunks WHERE written_at < \(bind: cutoff)
                  AND NOT EXISTS (SELECT 1 FROM stored_files f WHERE f.blob = file_chunks.blob)
                RETURNING id
                """).all().count
        }
        if result != Result() {
            app.logger.info("Swept the file store: \(result.files) files nothing holds (\(result.bytes) bytes), \(result.ledgerRows) uploads no answer names, \(result.abandonedChunks) chunks of unfinished uploads.")
        }
        return result
    }
}

/// The ledger, and when each chunk was written (so the sweep can tell an unfinished upload that
/// was abandoned from one still arriving).
/// Files kept before the ledger are entered in it for the organisations whose answers name them.
struct CreateFileLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("file_uploads")
            .id()
            .field("owner_id", .uuid, .required)
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("kind", .string)
            .field("uploaded_at", .datetime, .required)
            .field("submitted", .bool, .required)
            .unique(on: "owner_id", "sha256")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "file_uploads_sha256").on("file_uploads").column("sha256").run()
        try await database.schema(FileChunk.schema).field("written_at", .datetime).update()
        for (table, column, submitted) in [("submissions", "document", true), ("response_sections", "answers", false)] {
            let held = try await sql.raw("""
                SELECT DISTINCT r.organisation_id AS owner, f.sha256 AS sha256, f.size AS size
                FROM stored_files f JOIN \(ident: table) t ON t.\(ident: column) LIKE '%' || f.sha256 || '%'
                JOIN responses r ON r.id = t.response_id
                """).all()
            for row in held {
                try await sql.insert(into: "file_uploads").columns("id", "owner_id", "sha256", "size", "kind", "uploaded_at", "submitted")
                    .values(SQLBind(UUID.random()), SQLBind(try row.decode(column: "owner", as: UUID.self)), SQLBind(try row.decode(column: "sha256", as: String.self)),
                            SQLBind(try row.decode(column: "size", as: Int.self)), SQLLiteral.null, SQLBind(Date()), SQLBind(submitted))
                    .onConflict(with: ["owner_id", "sha256"]) { $0.set("submitted", to: SQLRaw("file_uploads.submitted OR excluded.submitted")) }
                    .run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FileChunk.schema).deleteField("written_at").update()
        try await database.schema("file_uploads").delete()
    }
}
