@preconcurrency import Crypto
import Fluent
import Foundation
import SQLKit

/// Something whose state can be summarised for the audit trail as named, printable fields.
protocol Auditable {
    var auditFields: [String: String] { get }
    /// The id its events are filed under.
    var auditSubjectID: String { get }
}

extension Auditable where Self: Model, Self.IDValue == UUID {
    var auditSubjectID: String { id?.lowercasedString ?? "" }
}

/// One field's value before and after a change; nil where there was none (made, or removed).
struct FieldChange: Codable, Sendable, Equatable {
    var before: String?
    var after: String?
}

/// One change of state. Two MACs, both keyed with the audit key (kept outside the database):
/// - `mac`, over the event's own content, written with the change in the same transaction;
/// - `chain`, over `seq`, the previous event's `chain` and this `mac`, added by `AuditChainer`
///   shortly after, in the order events became visible.
/// Editing an event breaks its `mac`; deleting or reordering events breaks the chain; and without
/// the key neither can be recomputed.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID var id: UUID?
    /// Its place in the chain; nil until it is chained.
    @OptionalField(key: "seq") var seq: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: String
    /// Each changed field's full value before and after, as JSON.
    @Field(key: "changes") var changes: String
    /// A line of text, for events carried over from the first audit trail.
    @Field(key: "note") var note: String
    @Field(key: "mac") var mac: String
    @OptionalField(key: "prev_chain") var prevChain: String?
    @OptionalField(key: "chain") var chain: String?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] {
        [
            $id, $seq, $at, $actorID, $actor, $action, $subjectType, $subjectID, $changes, $note, $mac, $prevChain, $chain
        ]
    }

    init() {}

    var fieldChanges: [String: FieldChange] {
        (try? JSONDecoder().decode([String: FieldChange].self, from: Data(changes.utf8))) ?? [:]
    }

    /// The exact bytes `mac` covers. Each part is length-prefixed so no two different events give
    /// the same input; the time is whole milliseconds so that it survives both databases unchanged.
    var content: String {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        return [id?.lowercasedString ?? "", String(millis), actorID?.lowercasedString ?? "", actor, action,
                subjectType, subjectID, changes, note]
            .map { "\($0.utf8.count):\($0)" }
            .joined(separator: "|")
    }

    static func mac(_ text: String, key: SymmetricKey) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    func computedMAC(key: SymmetricKey) -> String { Self.mac(content, key: key) }

    static func chainMAC(seq: Int, prev: String, mac: String, key: SymmetricKey) -> String {
        Self.mac("\(seq)|\(prev)|\(mac)", key: key)
    }
}

/// The newest link of the chain, in one row; only the chainer writes it.
enum AuditHead {
    static let table = "audit_head"
    static let genesis = String(repeating: "0", count: 64)
}

/// The first audit trail's table (plain SHA-256, chained while the change was written).
struct CreateAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
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
        try await sql.create(index: "audit_events_subject").on("audit_events")
            .column("subject_type").column("subject_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditHead.table).delete()
        try await database.schema("audit_events").delete()
    }
}

/// The keyed audit trail. Events of the first trail are carried over only if their chain still
/// holds, each with its summary as a note, and chained again under the key.
struct CreateKeyedAudit: AsyncMigration {
    let key: SymmetricKey

    struct BrokenLegacyChain: Error, CustomStringConvertible {
        var seq: Int
        var description: String { "The audit trail is broken at event \(seq); it is not carried over. Restore the database from a backup." }
    }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("seq", .int64)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .string, .required)
            .field("changes", .string, .required)
            .field("note", .string, .required)
            .field("mac", .string, .required)
            .field("prev_chain", .string)
            .field("chain", .string)
            .unique(on: "seq")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "audit_log_subject").on(AuditEvent.schema).column("subject_type").column("subject_id").run()
        // Only the events waiting to be chained, in the order the chainer takes them: a small index.
        try await sql.raw("CREATE INDEX audit_log_pending ON audit_log (at, id) WHERE seq IS NULL").run()

        struct Legacy: Decodable {
            var id: UUID; var seq: Int; var at: Date; var actor_id: UUID?; var actor: String; var action: String
            var subject_type: String; var subject_id: String; var summary: String; var prev_hash: String; var hash: String
        }
        let legacy = try await sql.raw("SELECT * FROM audit_events ORDER BY seq").all(decoding: Legacy.self)
        var prev = AuditHead.genesis
        var chain = AuditHead.genesis
        for (i, old) in legacy.enumerated() {
            let millis = Int64((old.at.timeIntervalSince1970 * 1000).rounded())
            let content = [String(old.seq), String(millis), old.actor, old.action, old.subject_type, old.subject_id, old.summary, old.prev_hash]
                .map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
            let digest = Hex.encode(SHA256.hash(data: Data(content.utf8)))
            guard old.seq == i + 1, old.prev_hash == prev, digest == old.hash else { throw BrokenLegacyChain(seq: i + 1) }
            prev = old.hash
            let event = AuditEvent()
            event.id = old.id
            event.at = old.at
            event.actorID = old.actor_id
            event.actor = old.actor
            event.action = old.action
            event.subjectType = old.subject_type
            event.subjectID = old.subject_id
            event.changes = "{}"
            event.note = old.summary
            event.mac = event.computedMAC(key: key)
            event.seq = old.seq
            event.prevChain = chain
            chain = AuditEvent.chainMAC(seq: old.seq, prev: chain, mac: event.mac, key: key)
            event.chain = chain
            try await event.create(on: database)
        }
        try await sql.update(AuditHead.table).set("seq", to: legacy.count).set("hash", to: chain).where("id", .equal, 1).run()
        try await database.schema("audit_events").delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
    }
}
