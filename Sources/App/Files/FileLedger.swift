import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Whose an upload is, and the most their kept uploads may hold together.
struct FileOwner: Sendable {
    var id: UUID
    var quota: Int
}

/// Who uploaded which kept file, and when: what an owner's quota counts, and what keeps a file
/// that no answer names yet (one just uploaded, or shown back on a form that was not saved) from
/// being swept away. The owner is whoever the uploading feature says: a responding organisation.
enum FileLedger {
    /// The bytes an owner's uploads hold: each kept file it uploaded, counted once, for as long as
    /// the file is kept.
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
        if let owner, try await !uploaded(stored.sha256, by: owner.id, on: app.db) {
            // Checked, not reserved: uploads finishing at the same moment can pass the quota by a file each.
            let used = try await used(by: owner.id, on: app.db)
            if used + stored.size > owner.quota {
                await upload.discard()
                return .overQuota("Your organisation’s files already take \(MultipartUpload.megabytes(used)) of the \(MultipartUpload.megabytes(owner.quota)) it may keep: "
                    + "remove files from answers you no longer need (a file no answer names is let go a day after it was uploaded), or ask the council for more room")
            }
        }
        let kept = try await upload.keep()
        if let owner { try await record(kept, owner: owner.id, at: app.clock.now(), on: app.db) }
        return .kept(FileAnswer(sha256: kept.sha256, name: name, size: kept.size, type: kind.rawValue))
    }

    /// Records that `owner` uploaded `file` (a row per upload: the newest says how recently the
    /// file was wanted).
    static func record(_ file: StoredFile, owner: UUID, at: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).insert(into: "file_uploads")
            .columns("id", "owner_id", "sha256", "size", "uploaded_at")
            .values(SQLBind(UUID()), SQLBind(owner), SQLBind(file.sha256), SQLBind(file.size), SQLBind(at))
            .run()
    }

    /// Whether an owner's uploads include the file.
    static func uploaded(_ sha256: String, by owner: UUID, on db: any Database) async throws -> Bool {
        try await (db as! any SQLDatabase).raw("""
            SELECT 1 AS found FROM file_uploads WHERE owner_id = \(bind: owner) AND sha256 = \(bind: sha256) LIMIT 1
            """).first() != nil
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

/// Removes what the file store holds for nothing: kept files that no answer or submitted copy
/// names and no one has uploaded for a day, and the chunks of uploads that never finished (a
/// connection lost, a server killed mid-upload). Runs with the scheduled work; safe to run on
/// several instances at once.
enum FileSweep {
    /// How long a file no answer names is kept after its last upload: long enough for a form
    /// shown back with the file to be saved.
    static let grace: TimeInterval = 24 * 3600

    struct Result: Equatable, Sendable {
        var files = 0
        var bytes = 0
        var abandonedChunks = 0
    }

    /// Where a kept file may be named: each table and its text column. A file named anywhere
    /// here is kept.
    static let namedIn: [(table: String, column: String)] = [("response_sections", "answers"), ("submissions", "document")]

    @discardableResult
    static func run(_ app: Application, now: Date? = nil) async throws -> Result {
        let cutoff = (now ?? app.clock.now()).addingTimeInterval(-grace)
        let sql = app.db as! any SQLDatabase
        var result = Result()
        let candidates = try await sql.raw("""
            SELECT f.sha256 FROM stored_files f
            WHERE f.stored_at < \(bind: cutoff)
              AND NOT EXISTS (SELECT 1 FROM file_uploads u WHERE u.sha256 = f.sha256 AND u.uploaded_at >= \(bind: cutoff))
            ORDER BY f.stored_at LIMIT 1000
            """).all().map { try $0.decode(column: "sha256", as: String.self) }
        for sha in candidates {
            let removed = try await app.auditWriter.transaction { tx -> Int? in
                let sql = tx as! any SQLDatabase
                let lock = tx is any SQLiteDatabase ? "" : " FOR UPDATE"
                // Locked first, then looked for: an answer naming it commits before this looks, or waits and finds it gone.
                guard let row = try await sql.raw("SELECT blob, size FROM stored_files WHERE sha256 = \(bind: sha)\(unsafeRaw: lock)").first() else { return nil }
                let recent = try await sql.raw("SELECT 1 AS found FROM file_uploads WHERE sha256 = \(bind: sha) AND uploaded_at >= \(bind: cutoff) LIMIT 1").first()
                guard recent == nil else { return nil }
                for place in namedIn {
                    // A SHA-256 is 64 hex digits: text naming it by chance keeps the file, which is the safe way to be wrong.
                    let named = try await sql.raw("""
                        SELECT 1 AS found FROM \(ident: place.table) WHERE \(ident: place.column) LIKE \(bind: "%" + sha + "%") LIMIT 1
                        """).first()
                    if named != nil { return nil }
                }
                let blob = try row.decode(column: "blob", as: UUID.self)
                try await sql.raw("DELETE FROM file_chunks WHERE blob = \(bind: blob)").run()
                try await sql.raw("DELETE FROM file_uploads WHERE sha256 = \(bind: sha)").run()
                try await sql.raw("DELETE FROM stored_files WHERE sha256 = \(bind: sha)").run()
                return try row.decode(column: "size", as: Int.self)
            }
            if let removed { result.files += 1; result.bytes += removed }
        }
        // Chunks of uploads never kept: written before the cutoff, their blob no kept file's.
        result.abandonedChunks = try await app.auditWriter.transaction { tx in
            try await (tx as! any SQLDatabase).raw("""
                DELETE FROM file_chunks WHERE written_at < \(bind: cutoff)
                  AND NOT EXISTS (SELECT 1 FROM stored_files f WHERE f.blob = file_chunks.blob)
                RETURNING id
                """).all().count
        }
        if result != Result() {
            app.logger.info("Swept the file store: \(result.files) files no answer names (\(result.bytes) bytes), \(result.abandonedChunks) chunks of unfinished uploads.")
        }
        return result
    }
}

/// The ledger, and when each chunk was written (so the sweep can tell an unfinished upload that
/// was abandoned from one still arriving).
struct CreateFileLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("file_uploads")
            .id()
            .field("owner_id", .uuid, .required)
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "file_uploads_owner").on("file_uploads").column("owner_id").run()
        try await sql.create(index: "file_uploads_sha256").on("file_uploads").column("sha256").run()
        try await database.schema(FileChunk.schema).field("written_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FileChunk.schema).deleteField("written_at").update()
        try await database.schema("file_uploads").delete()
    }
}
