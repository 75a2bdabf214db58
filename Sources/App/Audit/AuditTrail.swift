@preconcurrency import Crypto
import Fluent
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Who made a change: a signed-in person, or the server itself (demo loading, command line).
struct Actor: Sendable {
    var id: UUID?
    var label: String

    static func user(_ user: User) -> Actor { Actor(id: user.id, label: user.label) }
    static func system(_ what: String) -> Actor { Actor(id: nil, label: what) }
}

/// How a change is recorded. A writer saves its change and the change's event (with its own MAC)
/// in one transaction, and holds no lock of the chain's: the chain is added afterwards by
/// `AuditChainer`, many events at a time. So audited writers queue only where the database makes
/// them queue (SQLite's single writer), not behind one another's round trips.
enum AuditTrail {
    /// The audited transaction this task is running in, if any: an audited write started inside
    /// it (through any handle on the database) joins it.
    @TaskLocal static var current: (any Database)?

    /// A transaction for a change that will be audited. On SQLite it starts with a write, so that
    /// it takes the write lock at once instead of failing when a reader tries to become a writer.
    static func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // Inside another audited transaction: part of it, chained when it commits.
        // Inside another audited transaction (through its handle or any other on the database):
        // part of it, chained when it commits, rather than waiting for a lock it holds.
        if let outer = current { return try await body(outer) }
        let ledger = AuditLedger()
        let result = try await db.transaction { tx in
            let sql = try tx.sql
            try await takeWriteLock(sql)
            // Fluent runs the body in a task of its own, so the ledger is bound inside it.
            let result = try await AuditLedger.$current.withValue(ledger) { try await $current.withValue(tx) { try await body(tx) } }
            let unrecorded = ledger.unrecorded
            guard unrecorded.isEmpty else { throw UnauditedWrite(subjects: Array(unrecorded)) }
            return result
        }
        AuditChainer.shared.kick(db)
        return result
    }

    /// On SQLite, takes the database's write lock at the start of an audited transaction (a write
    /// that changes nothing), instead of failing later when a reader tries to become a writer.
    static func takeWriteLock(_ sql: any SQLDatabase) async throws {
        guard sql is any SQLiteDatabase else { return }
        try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 0").run()
    }

    /// Appends one event, to be chained after its transaction commits. Call it inside the
    /// transaction that makes the change, so the change and its record commit together or not at all.
    static func record(
        _ action: String, subjectType: String, subjectID: String, changes: [String: FieldChange],
        by actor: Actor, at now: Date, on db: any Database
    ) async throws {
        try await record([Change(action: action, subjectType: subjectType, subjectID: subjectID, changes: changes)], by: actor, at: now, on: db)
    }

    /// One change to record: what was done to which record, and its fields before and after.
    struct Change: Sendable {
        var action: String
        var subjectType: String
        var subjectID: String
        var changes: [String: FieldChange]
    }

    /// Appends the events of several changes made by one actor at one time, in one statement
    /// (a submission records a dozen: its sections, itself, the response).
    static func record(_ events: [Change], by actor: Actor, at now: Date, on db: any Database) async throws {
        guard !events.isEmpty else { return }
        // Outside a transaction the change and its record could be split.
        guard db.inTransaction, let ledger = AuditLedger.current else {
            throw Abort(.internalServerError, reason: "Audit events are written inside AuditTrail.transaction.")
        }
        for type in Set(events.map(\.subjectType)) { try await PublicPageCache.changed(type, on: db) }
        let key = AuditChainer.shared.key
        let at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        // A plain INSERT (Fluent's model encoding costs more CPU than the statement itself), or,
        // in a batch, rows for the batch's one INSERT.
        let columns = ["id", "at", "actor_id", "actor", "action", "subject_type", "subject_id", "changes", "note", "mac"]
        let deferred = DeferredInserts.current
        var insert = try db.sql.insert(into: AuditEvent.schema).columns(columns)
        for change in events {
            ledger.recorded(AuditLedger.subject(change.subjectType, change.subjectID))
            let event = AuditEvent()
            event.id = UUID.random()
            event.at = at
            event.actorID = actor.id
            event.actor = actor.label
            event.action = change.action
            event.subjectType = change.subjectType
            event.subjectID = change.subjectID
            event.changes = changesJSON(change.changes)
            event.note = ""
            event.mac = event.computedMAC(key: key)
            let row = [SQLBind(event.id!), SQLBind(event.at), SQLBind(event.actorID), SQLBind(event.actor), SQLBind(event.action),
                       SQLBind(event.subjectType), SQLBind(event.subjectID), SQLBind(event.changes), SQLBind(event.note), SQLBind(event.mac)]
            if let deferred { deferred.add(AuditEvent.schema, columns: columns, row) } else { insert = insert.values(row) }
        }
        if deferred == nil { try await insert.run() }
    }

    /// Records a model's change: every field that changed, with its full value before and after.
    static func record<M: Model & Auditable>(
        _ action: String, _ model: M, before: [String: String]?, by actor: Actor, at now: Date, on db: any Database
    ) async throws where M.IDValue == UUID {
        try await record(
            action, subjectType: M.schema, subjectID: model.auditSubjectID,
            changes: diff(before: before, after: model.auditFields), by: actor, at: now, on: db)
    }

    /// An event's changes as stored: `{"field":{"after":…,"before":…}}`, keys in order, an absent
    /// side left out, as `JSONEncoder` with sorted keys wrote them before (except that it wrote
    /// `/` as `\/`); `AuditEvent.fieldChanges` reads either, and each event's MAC is over its own
    /// stored text. Written directly: a submission records a dozen events, and a JSON encoder per
    /// event was 4% of the deadline rush's writer.
    static func changesJSON(_ changes: [String: FieldChange]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, key) in changes.keys.sorted().enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.string(key, to: &out)
            out.append(contentsOf: ":{".utf8)
            let change = changes[key]!
            if let after = change.after {
                out.append(contentsOf: #""after":"#.utf8)
                CanonicalJSON.string(after, to: &out)
            }
            if let before = change.before {
                if change.after != nil { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: #""before":"#.utf8)
                CanonicalJSON.string(before, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The fields whose value differs, each with its whole before and after.
    static func diff(before: [String: String]?, after: [String: String]?) -> [String: FieldChange] {
        var out: [String: FieldChange] = [:]
        for key in Set((before ?? [:]).keys).union((after ?? [:]).keys) {
            let old = before?[key], new = after?[key]
            if old != new { out[key] = FieldChange(before: old, after: new) }
        }
        return out
    }

    enum Verification: Equatable {
        case intact(events: Int, head: String)
        case broken(seq: Int, reason: String)
    }

    /// Chains whatever is waiting, then checks every event's own MAC and every link of the chain,
    /// all in one snapshot of the database, so writes made while it runs cannot look like tampering.
    static func verify(on db: any Database, checkpoint: (seq: Int, chain: String)? = nil) async throws -> Verification {
        try await AuditChainer.shared.chainAll(on: db)
        let key = AuditChainer.shared.key
        return try await db.transaction { tx in
            let sql = try tx.sql
            if !(tx is any SQLiteDatabase) {
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
            }
            struct Head: Decodable { var seq: Int; var hash: String }
            // Read first: in SQLite the snapshot begins with the transaction's first read.
            let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first(decoding: Head.self)
            var expectedSeq = 1
            var prev = AuditHead.genesis
            var checkpointSeen = checkpoint == nil
            let pageSize = 1000
            while true {
                let events = try await AuditEvent.query(on: tx).filter(\.$seq >= expectedSeq).sort(\.$seq).limit(pageSize).all()
                for event in events {
                    guard let seq = event.seq else { continue }
                    if seq != expectedSeq {
                        return .broken(seq: expectedSeq, reason: "event \(expectedSeq) is missing (next stored is \(seq))")
                    }
                    if event.computedMAC(key: key) != event.mac {
                        return .broken(seq: seq, reason: "its content does not match its MAC (it was changed after it was written)")
                    }
                    if event.prevChain != prev || event.chain != AuditEvent.chainMAC(seq: seq, prev: prev, mac: event.mac, key: key) {
                        return .broken(seq: seq, reason: "its link to event \(seq - 1) does not hold")
                    }
                    if let checkpoint, checkpoint.seq == seq {
                        guard checkpoint.chain == event.chain else {
                            return .broken(seq: seq, reason: "it is not the event of the checkpoint: the chain was rewritten from here or before")
                        }
                        checkpointSeen = true
                    }
                    prev = event.chain ?? ""
                    expectedSeq += 1
                }
                if events.count < pageSize { break }
            }
            let last = expectedSeq - 1
            if head?.seq != last || head?.hash != prev {
                return .broken(seq: expectedSeq, reason: "the chain's head records event \(head?.seq ?? 0) but the last stored event is \(last) (events were removed from the end)")
            }
            if !checkpointSeen, let checkpoint {
                return .broken(seq: checkpoint.seq, reason: "the checkpoint's event is not in the chain (it ends at \(last))")
            }
            // Events written in this snapshot but not yet chained must carry a valid MAC too.
            for event in try await AuditEvent.query(on: tx).filter(\.$seq == nil).all() where event.computedMAC(key: key) != event.mac {
                return .broken(seq: 0, reason: "event \(event.id?.uuidString ?? "?"), not yet chained, does not match its MAC")
            }
            return .intact(events: last, head: prev)
        }
    }
}

extension AuditTrail {
    /// Proves every event with `current` and recomputes its MAC and link with `key`, waiting
    /// events included, all in one transaction that holds the head; returns the new head. Any event
    /// that does not prove under `current` stops it, with nothing changed.
    static func rekey(from current: SymmetricKey, to key: SymmetricKey, on db: any Database) async throws -> String {
        try await db.transaction { tx in
            let sql = try tx.sql
            struct Head: Decodable { var seq: Int; var hash: String }
            guard let head = try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash").first(decoding: Head.self) else {
                throw Abort(.internalServerError)
            }
            var oldPrev = AuditHead.genesis, newPrev = AuditHead.genesis, expected = 1
            for event in try await AuditEvent.query(on: tx).filter(\.$seq != nil).sort(\.$seq).all() {
                guard event.seq == expected, event.computedMAC(key: current) == event.mac, event.prevChain == oldPrev,
                      event.chain == AuditEvent.chainMAC(seq: expected, prev: oldPrev, mac: event.mac, key: current)
                else { throw Abort(.conflict, reason: "event \(expected) does not prove under the current key; nothing was changed") }
                oldPrev = event.chain!
                event.mac = event.computedMAC(key: key)
                event.prevChain = newPrev
                event.chain = AuditEvent.chainMAC(seq: expected, prev: newPrev, mac: event.mac, key: key)
                newPrev = event.chain!
                try await event.save(on: tx)
                expected += 1
            }
            guard head.seq == expected - 1, head.hash == oldPrev else {
                throw Abort(.conflict, reason: "the chain's head does not match its last event; nothing was changed")
            }
            for event in try await AuditEvent.query(on: tx).filter(\.$seq == nil).all() {
                guard event.computedMAC(key: current) == event.mac else {
                    throw Abort(.conflict, reason: "a waiting event does not prove under the current key; nothing was changed")
                }
                event.mac = event.computedMAC(key: key)
                try await event.save(on: tx)
            }
            try await sql.update(AuditHead.table).set("hash", to: newPrev).where("id", .equal, 1).run()
            return newPrev
        }
    }
}

struct WrongKey: Error, CustomStringConvertible {
    var description: String {
        "The chain's newest link does not hold under this server's audit key: the key is wrong, or the chain was changed. Nothing was chained."
    }
}

/// Adds the chain to events that were committed without it. One instance per process, but any
/// number of processes may run one: each batch takes the head row first, so batches queue, and
/// events are chained in the order the chainer sees them committed. Whatever is left when a
/// process stops is chained by the next batch anywhere (or by `audit verify`).
final class AuditChainer: Sendable {
    private struct State: Sendable {
        var running = false
        var again: (db: any Database, executor: (any TaskExecutor)?)?
        var task: Task<Void, Never>?
    }
    private let state = NIOLockedValueBox(State())
    let key: SymmetricKey
    let batchSize = 500

    init(key: SymmetricKey) { self.key = key }

    /// Chaining runs on `executor` when it is given (on a SQLite file, the writer's own thread,
    /// `SQLiteWriterConnection`), else on the event loop of the connection it writes through, so
    /// that its statements do not wait for turns on loops busy with pages. Fluent runs a
    /// transaction's body in a task of its own, so this is asked for again inside it.
    private func onExecutor<T: Sendable>(_ executor: (any TaskExecutor)?, of db: any Database, _ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor ?? EventLoopTaskExecutor(db.eventLoop), operation: body)
    }

    /// The server's chainer, made by `configure` with the audit key. One per process: a server
    /// runs one application, and the tests' applications all use the tests' key.
    private static let current = NIOLockedValueBox<AuditChainer?>(nil)

    static func install(_ chainer: AuditChainer) { current.withLockedValue { $0 = chainer } }

    static var shared: AuditChainer {
        guard let chainer = current.withLockedValue({ $0 }) else { fatalError("configure() installs the audit chainer") }
        return chainer
    }

    /// Starts chaining in the background unless it is already running, in which case the running
    /// pass goes round once more. `executor`: where to run (see `onExecutor`).
    func kick(_ db: any Database, on executor: (any TaskExecutor)? = nil) {
        let start = state.withLockedValue { s -> Bool in
            if s.running { s.again = (db, executor); return false }
            s.running = true
            return true
        }
        guard start else { return }
        let task = Task(executorPreference: executor ?? EventLoopTaskExecutor(db.eventLoop)) { [self] in
            var next: (db: any Database, executor: (any TaskExecutor)?)? = (db, executor)
            var pass = 0
            while let (db, executor) = next {
                // Under a stream of writes, a moment's wait gathers the next batch: fewer, larger
                // chaining transactions, less contention with the writers.
                if pass > 0 { try? await Task.sleep(for: .milliseconds(50)) }
                pass += 1
                do { try await chainAll(on: db, executor: executor) } catch { db.logger.warning("Audit chaining will be retried: \(error)") }
                next = state.withLockedValue { s in
                    defer { s.again = nil }
                    if s.again == nil { s.running = false }
                    return s.again
                }
            }
        }
        state.withLockedValue { $0.task = task }
    }

    /// Waits for a running pass, so that a process stops with its events chained.
    func finish() async {
        await state.withLockedValue { $0.task }?.value
    }

    /// Chains every waiting event, a batch per transaction.
    func chainAll(on db: any Database, executor: (any TaskExecutor)? = nil) async throws {
        while try await chainBatch(on: db, executor: executor) == batchSize {}
    }

    /// One batch: take the head, read the waiting events in the order they were written, link
    /// them, and write the head back, in one transaction.
    func chainBatch(on db: any Database, executor: (any TaskExecutor)? = nil) async throws -> Int {
        try await db.transaction { tx in try await self.onExecutor(executor, of: db) {
            let sql = try tx.sql
            struct Head: Decodable { var seq: Int; var hash: String }
            guard let head = try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash").first(decoding: Head.self) else {
                throw Abort(.internalServerError, reason: "The audit trail has no head row.")
            }
            struct Pending: Decodable { var id: UUID; var mac: String }
            let pending = try await sql.raw("""
                SELECT id, mac FROM \(unsafeRaw: AuditEvent.schema) WHERE seq IS NULL ORDER BY at, id LIMIT \(unsafeRaw: String(self.batchSize))
                """).all(decoding: Pending.self)
            guard !pending.isEmpty else { return 0 }
            // Extend only a chain this key made: a process started with the wrong key must not
            // write links that are wrong under the right one.
            if head.seq > 0 {
                struct Last: Decodable { var mac: String; var prev_chain: String?; var chain: String? }
                let last = try await sql.raw("SELECT mac, prev_chain, chain FROM audit_log WHERE seq = \(bind: head.seq)").first(decoding: Last.self)
                guard let last, let prevChain = last.prev_chain,
                      last.chain == AuditEvent.chainMAC(seq: head.seq, prev: prevChain, mac: last.mac, key: self.key),
                      last.chain == head.hash
                else { throw WrongKey() }
            }
            var seq = head.seq
            var prev = head.hash
            // One statement for the whole batch.
            var ids: [UUID] = [], seqs: [Int] = [], prevs: [String] = [], chains: [String] = []
            for event in pending {
                seq += 1
                let chain = AuditEvent.chainMAC(seq: seq, prev: prev, mac: event.mac, key: self.key)
                ids.append(event.id); seqs.append(seq); prevs.append(prev); chains.append(chain)
                prev = chain
            }
            if tx is any SQLiteDatabase {
                // The links as rows of a derived table (SQLite takes up to 500 terms in one).
                for start in stride(from: 0, to: ids.count, by: 250) {
                    let rows: [SQLQueryString] = (start..<min(start + 250, ids.count)).map {
                        "SELECT \(bind: ids[$0]) AS id, \(bind: seqs[$0]) AS seq, \(bind: prevs[$0]) AS prev_chain, \(bind: chains[$0]) AS chain"
                    }
                    try await sql.raw("""
                        UPDATE audit_log SET seq = links.seq, prev_chain = links.prev_chain, chain = links.chain
                        FROM (\(rows.joined(separator: " UNION ALL "))) AS links WHERE audit_log.id = links.id
                        """).run()
                }
            } else {
                // PostgreSQL: the links as four arrays, one plan whatever the batch's size.
                try await sql.raw("""
                    UPDATE audit_log SET seq = links.seq, prev_chain = links.prev_chain, chain = links.chain
                    FROM unnest(\(bind: ids)::uuid[], \(bind: seqs)::int8[], \(bind: prevs)::text[], \(bind: chains)::text[])
                      AS links(id, seq, prev_chain, chain)
                    WHERE audit_log.id = links.id
                    """).run()
            }
            try await sql.update(AuditHead.table).set("seq", to: seq).set("hash", to: prev).where("id", .equal, 1).run()
            return pending.count
        } }
    }
}
