import Fluent
import Foundation
import SQLKit

/// Something whose state can be summarised for the audit trail as named, printable fields.
protocol Auditable {
    var auditFields: [String: String] { get }
}

/// One change of state, chained to the one before it: `hash` is SHA-256 over the previous
/// event's hash and this event's own content, so editing or deleting any stored event breaks
/// every link after it.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID var id: UUID?
    @Field(key: "seq") var seq: Int
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: String
    @Field(key: "summary") var summary: String
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String

    init() {}

    /// The exact bytes the hash covers. Each field is length-prefixed so that no two different
    /// events can produce the same input, and the time is whole milliseconds so that it survives
    /// both databases' storage unchanged.
    static func content(
        seq: Int, at: Date, actor: String, action: String, subjectType: String, subjectID: String,
        summary: String, prevHash: String
    ) -> String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        return [String(seq), String(millis), actor, action, subjectType, subjectID, summary, prevHash]
            .map { "\($0.utf8.count):\($0)" }
            .joined(separator: "|")
    }

    var computedHash: String {
        Secrets.sha256(Self.content(
            seq: seq, at: at, actor: actor, action: action, subjectType: subjectType,
            subjectID: subjectID, summary: summary, prevHash: prevHash))
    }
}

/// The newest link of the chain, in one row. Taking it with an UPDATE puts concurrent writers
/// in a queue (a row lock in PostgreSQL, the write lock in SQLite), so the chain never forks.
enum AuditHead {
    static let table = "audit_head"
    static let genesis = String(repeating: "0", count: 64)
}

struct CreateAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("seq", .int64, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .string, .required)
            .field("summary", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        try await database.schema(AuditHead.table)
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.insert(into: AuditHead.table)
            .columns("id", "seq", "hash")
            .values(SQLLiteral.numeric("1"), SQLLiteral.numeric("0"), SQLBind(AuditHead.genesis))
            .run()
        try await sql.create(index: "audit_events_subject").on(AuditEvent.schema)
            .column("subject_type").column("subject_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditHead.table).delete()
        try await database.schema(AuditEvent.schema).delete()
    }
}
