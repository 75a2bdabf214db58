import Crypto
import Fluent
import FluentSQLiteDriver
import NIOCore
import SQLKit
import Vapor

/// A file kept by the server, named by the SHA-256 of its bytes: the same bytes uploaded twice
/// are kept once, and a name says exactly which bytes it means.
struct StoredFile: Sendable, Equatable {
    var sha256: String
    var size: Int
}

/// Where uploaded files are kept. An upload is written as it arrives (never held whole in
/// memory), checked, and then either kept under its SHA-256 or discarded. The default keeps
/// files in the database, so that several instances on one PostgreSQL share them.
protocol FileStore: Sendable {
    /// Starts an upload, refused once it passes `limit` bytes.
    func begin(limit: Int) -> any FileUpload
    /// The size of a kept file, or nil if none has that SHA-256.
    func size(of sha256: String) async throws -> Int?
    /// A kept file's bytes, in order, a chunk at a time.
    func chunks(of sha256: String) -> AsyncThrowingStream<ByteBuffer, any Error>
}

/// One file being uploaded. Used by one task at a time.
protocol FileUpload: AnyObject, Sendable {
    /// Appends bytes; throws `FileTooLarge` past the limit (the upload is then discarded).
    func append(_ buffer: ByteBuffer) async throws
    /// No more bytes: the SHA-256 and size of what was written.
    func finish() async throws -> StoredFile
    /// Bytes of what was written (after `finish`), for checking what the file is.
    func read(offset: Int, length: Int) async throws -> [UInt8]
    /// Keeps the file under its SHA-256 (once, however often the same bytes arrive).
    func keep() async throws -> StoredFile
    /// Forgets what was written.
    func discard() async
}

struct FileTooLarge: Error {
    var limit: Int

    /// What the person is told, beside the field or in the API's problem.
    var message: String { "The file is larger than \(MultipartUpload.megabytes(limit)): make it smaller, or split it" }
}

/// Files in the database: `stored_files` names each kept file by its SHA-256; its bytes are rows
/// of `file_chunks`, half a megabyte each, written as they arrive, each in its own small
/// transaction so that an upload never holds SQLite's write lock while the network is slow.
struct DatabaseFileStore: FileStore {
    static let chunkSize = 512 * 1024
    let database: @Sendable () -> any Database
    /// The server's clock, for when chunks were written and files kept (`FileSweep` reads both).
    let now: @Sendable () -> Date

    func begin(limit: Int) -> any FileUpload { DatabaseUpload(database: database, now: now, limit: limit) }

    func size(of sha256: String) async throws -> Int? {
        try await StoredFileRecord.find(sha256, on: database())?.size
    }

    /// Read as the reader asks: each chunk is fetched when the one before has been taken, so a
    /// slow reader (a slow download) holds one chunk, never the whole file.
    func chunks(of sha256: String) -> AsyncThrowingStream<ByteBuffer, any Error> {
        let cursor = ChunkCursor(sha256: sha256, database: database)
        return AsyncThrowingStream(unfolding: { try await cursor.next() })
    }

    private actor ChunkCursor {
        let sha256: String
        let database: @Sendable () -> any Database
        var blob: UUID?
        var seq = 0

        init(sha256: String, database: @escaping @Sendable () -> any Database) {
            self.sha256 = sha256
            self.database = database
        }

        func next() async throws -> ByteBuffer? {
            let db = database()
            if blob == nil {
                guard let file = try await StoredFileRecord.find(sha256, on: db) else { throw Abort(.notFound) }
                blob = file.blob
            }
            guard let chunk = try await FileChunk.query(on: db).filter(\.$blob == blob!).filter(\.$seq == seq).first() else { return nil }
            seq += 1
            return ByteBuffer(data: chunk.data)
        }
    }
}

private final class DatabaseUpload: FileUpload, @unchecked Sendable {
    // Used by one task at a time (the request's), as `FileUpload` says.
    private let database: @Sendable () -> any Database
    private let now: @Sendable () -> Date
    private let limit: Int
    private let blob = UUID()
    private var pending = ByteBuffer()
    private var seq = 0
    private var size = 0
    private var hasher = SHA256()
    private var result: StoredFile?

    init(database: @escaping @Sendable () -> any Database, now: @escaping @Sendable () -> Date, limit: Int) {
        self.database = database
        self.now = now
        self.limit = limit
    }

    func append(_ buffer: ByteBuffer) async throws {
        size += buffer.readableBytes
        if size > limit {
            await discard()
            throw FileTooLarge(limit: limit)
        }
        buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        var buffer = buffer
        pending.writeBuffer(&buffer)
        while pending.readableBytes >= DatabaseFileStore.chunkSize {
            try await flush(pending.readSlice(length: DatabaseFileStore.chunkSize)!)
        }
        pending.discardReadBytes()
    }

    private func flush(_ slice: ByteBuffer) async throws {
        let chunk = FileChunk()
        chunk.blob = blob
        chunk.seq = seq
        chunk.data = Data(slice.readableBytesView)
        chunk.writtenAt = now()
        try await chunk.create(on: database())
        seq += 1
    }

    func finish() async throws -> StoredFile {
        if pending.readableBytes > 0 { try await flush(pending.readSlice(length: pending.readableBytes)!) }
        let done = StoredFile(sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined(), size: size)
        result = done
        return done
    }

    func read(offset: Int, length: Int) async throws -> [UInt8] {
        guard offset >= 0, length > 0, offset < size else { return [] }
        let end = min(size, offset + length)
        let first = offset / DatabaseFileStore.chunkSize, last = (end - 1) / DatabaseFileStore.chunkSize
        var out: [UInt8] = []
        out.reserveCapacity(end - offset)
        for chunk in try await FileChunk.query(on: database()).filter(\.$blob == blob).filter(\.$seq >= first).filter(\.$seq <= last).sort(\.$seq).all() {
            let start = chunk.seq * DatabaseFileStore.chunkSize
            let from = max(offset, start) - start, to = min(end, start + chunk.data.count) - start
            if from < to { out.append(contentsOf: chunk.data[chunk.data.startIndex + from ..< chunk.data.startIndex + to]) }
        }
        return out
    }

    func keep() async throws -> StoredFile {
        guard let result else { throw Abort(.internalServerError, reason: "An upload was kept before it was finished.") }
        let db = database()
        if try await isKept(result.sha256, on: db) {
            await discard()
            return result
        }
        let record = StoredFileRecord()
        record.id = result.sha256
        record.blob = blob
        record.size = result.size
        record.storedAt = now()
        do {
            try await record.create(on: db)
        } catch {
            // The same bytes, kept a moment ago by another upload: that copy serves.
            guard try await StoredFileRecord.find(result.sha256, on: db) != nil else { throw error }
            await discard()
        }
        return result
    }

    func discard() async {
        _ = try? await FileChunk.query(on: database()).filter(\.$blob == blob).delete()
    }

    /// Whether the same bytes are kept already. On PostgreSQL the read waits for a `FileSweep`
    /// that has the file locked, and sees what it left (on SQLite its transaction holds the
    /// database's write lock): a copy is not discarded in favour of one being removed.
    private func isKept(_ sha256: String, on db: any Database) async throws -> Bool {
        let lock = db is any SQLiteDatabase ? "" : " FOR SHARE"
        return try await (db as! any SQLDatabase).raw("SELECT 1 AS found FROM stored_files WHERE sha256 = \(bind: sha256)\(unsafeRaw: lock)").first() != nil
    }
}

/// A kept file: its SHA-256, size, and the chunks that hold its bytes.
final class StoredFileRecord: Model, @unchecked Sendable {
    static let schema = "stored_files"

    @ID(custom: "sha256", generatedBy: .user) var id: String?
    @Field(key: "blob") var blob: UUID
    @Field(key: "size") var size: Int
    @Field(key: "stored_at") var storedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $blob, $size, $storedAt] }

    init() {}
}

final class FileChunk: Model, @unchecked Sendable {
    static let schema = "file_chunks"

    @ID var id: UUID?
    @Field(key: "blob") var blob: UUID
    @Field(key: "seq") var seq: Int
    @Field(key: "data") var data: Data
    @OptionalField(key: "written_at") var writtenAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $blob, $seq, $data, $writtenAt] }

    init() {}
}

struct CreateFileStore: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredFileRecord.schema)
            .field("sha256", .string, .identifier(auto: false))
            .field("blob", .uuid, .required)
            .field("size", .int64, .required)
            .field("stored_at", .datetime, .required)
            .create()
        try await database.schema(FileChunk.schema)
            .id()
            .field("blob", .uuid, .required)
            .field("seq", .int, .required)
            .field("data", .data, .required)
            .unique(on: "blob", "seq")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FileChunk.schema).delete()
        try await database.schema(StoredFileRecord.schema).delete()
    }
}

extension Application {
    private struct FileStoreKey: StorageKey { typealias Value = any FileStore }

    /// Where uploaded files are kept: the database unless something else is configured.
    var files: any FileStore {
        get { storage[FileStoreKey.self] ?? DatabaseFileStore(database: { [unowned self] in self.db }, now: { [unowned self] in self.clock.now() }) }
        set { storage[FileStoreKey.self] = newValue }
    }
}
