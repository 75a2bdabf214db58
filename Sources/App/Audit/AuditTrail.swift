import Fluent
import Foundation
import SQLKit
import Vapor

/// Who made a change: a signed-in person, or the server itself (demo loading, command line).
struct Actor: Sendable {
    var id: UUID?
    var label: String

    static func user(_ user: User) -> Actor { Actor(id: user.id, label: user.label) }
    static func system(_ what: String) -> Actor { Actor(id: nil, label: what) }
}

enum AuditTrail {
    /// A transaction for a change that will be audited. It takes the chain's lock before anything
    /// else, so audited writers queue at the start instead of deadlocking when a reader tries to
    /// become a writer (SQLite) or when two transactions take row locks in different orders.
    static func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let result = try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1").run()
            return try await body(tx)
        }
        PublicPageCache.noteCommittedChange()
        return result
    }

    /// Appends one event. Call it inside the transaction that makes the change, so the change and
    /// its record are committed together or not at all.
    static func record(
        _ action: String, subjectType: String, subjectID: String, summary: String,
        by actor: Actor, at now: Date, on db: any Database
    ) async throws {
        // Outside a transaction the change and its record could be split, and two writers could fork the chain.
        guard db.inTransaction, let sql = db as? any SQLDatabase else {
            throw Abort(.internalServerError, reason: "Audit events are written inside AuditTrail.transaction.")
        }
        struct Head: Decodable { var seq: Int; var hash: String }
        guard let head = try await sql.raw(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash"
        ).first(decoding: Head.self) else {
            throw Abort(.internalServerError, reason: "The audit trail has no head row.")
        }
        let event = AuditEvent()
        event.seq = head.seq
        event.at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        event.actorID = actor.id
        event.actor = actor.label
        event.action = action
        event.subjectType = subjectType
        event.subjectID = subjectID
        event.summary = String(summary.prefix(4000))
        event.prevHash = head.hash
        event.hash = event.computedHash
        try await event.create(on: db)
        try await sql.update(AuditHead.table).set("hash", to: event.hash).where("id", .equal, 1).run()
    }

    /// Records a model's change with a summary of which fields went from what to what.
    static func record<M: Model & Auditable>(
        _ action: String, _ model: M, before: [String: String]?, by actor: Actor, at now: Date, on db: any Database
    ) async throws where M.IDValue == UUID {
        try await record(
            action, subjectType: M.schema, subjectID: model.id?.uuidString.lowercased() ?? "",
            summary: changes(before: before, after: model.auditFields), by: actor, at: now, on: db)
    }

    /// "name: 'Finance' → 'Finance and Audit'; weight: '8' → '10'". Long values are shortened.
    static func changes(before: [String: String]?, after: [String: String]?) -> String {
        func short(_ s: String?) -> String {
            guard let s else { return "∅" }
            let flat = s.replacingOccurrences(of: "\n", with: " ")
            return "'" + (flat.count > 80 ? flat.prefix(77) + "…" : flat) + "'"
        }
        let keys = Set((before ?? [:]).keys).union((after ?? [:]).keys).sorted()
        let parts = keys.compactMap { key -> String? in
            let old = before?[key], new = after?[key]
            if before == nil { return "\(key): \(short(new))" }
            if after == nil { return "\(key): \(short(old))" }
            return old == new ? nil : "\(key): \(short(old)) → \(short(new))"
        }
        return parts.isEmpty ? "no field changed" : parts.joined(separator: "; ")
    }

    enum Verification: Equatable {
        case intact(events: Int, head: String)
        case broken(seq: Int, reason: String)
    }

    /// Walks the whole chain in order and names the first event that does not hold.
    static func verify(on db: any Database) async throws -> Verification {
        var expectedSeq = 1
        var prevHash = AuditHead.genesis
        let pageSize = 1000
        while true {
            let events = try await AuditEvent.query(on: db)
                .filter(\.$seq >= expectedSeq)
                .sort(\.$seq)
                .limit(pageSize)
                .all()
            for event in events {
                if event.seq != expectedSeq {
                    return .broken(seq: expectedSeq, reason: "event \(expectedSeq) is missing (next stored is \(event.seq))")
                }
                if event.prevHash != prevHash {
                    return .broken(seq: event.seq, reason: "its previous-hash does not match event \(event.seq - 1)")
                }
                if event.computedHash != event.hash {
                    return .broken(seq: event.seq, reason: "its content does not match its hash (it was changed after it was written)")
                }
                prevHash = event.hash
                expectedSeq += 1
            }
            if events.count < pageSize { break }
        }
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        struct Head: Decodable { var seq: Int; var hash: String }
        let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first(decoding: Head.self)
        if head?.seq != expectedSeq - 1 || head?.hash != prevHash {
            return .broken(seq: expectedSeq, reason: "the chain's head records event \(head?.seq ?? 0) but the last stored event is \(expectedSeq - 1) (events were removed from the end)")
        }
        return .intact(events: expectedSeq - 1, head: prevHash)
    }
}
