import Fluent
import NIOConcurrencyHelpers

/// What one audited transaction wrote and what it recorded. `AuditTrail.transaction` opens one,
/// `AuditGuard` notes every audited record written, `AuditTrail.record` notes every event, and
/// the transaction commits only if every record written has its event.
final class AuditLedger: Sendable {
    private struct Entries { var written: Set<String> = []; var recorded: Set<String> = [] }
    private let entries = NIOLockedValueBox(Entries())

    /// The ledger of the audited transaction this task is running, if any.
    @TaskLocal static var current: AuditLedger?

    func wrote(_ subject: String) { entries.withLockedValue { _ = $0.written.insert(subject) } }
    func recorded(_ subject: String) { entries.withLockedValue { _ = $0.recorded.insert(subject) } }

    /// The records written without an event, if any.
    var unrecorded: Set<String> { entries.withLockedValue { $0.written.subtracting($0.recorded) } }

    static func subject(_ type: String, _ id: String) -> String { "\(type):\(id)" }
}

/// A record written without its audit event, or outside an audited transaction: a programming
/// error, refused before it reaches the database (or rolled back with everything else).
struct UnauditedWrite: Error, CustomStringConvertible {
    var subjects: [String]
    var description: String {
        "Audited records were written without their audit event (\(subjects.sorted().joined(separator: ", "))). Write them with AuditTrail.transaction and AuditTrail.record."
    }
}

/// Fluent middleware that makes the audit trail hold by construction: a model that is `Auditable`
/// can be created, changed or deleted only inside `AuditTrail.transaction`, and that transaction
/// commits only if each such record also has its event. A plain `save` anywhere else throws.
struct AuditGuard: AnyModelMiddleware {
    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        guard let audited = model as? any Auditable else { return next.handle(event, model, on: db) }
        guard let ledger = AuditLedger.current, db.inTransaction else {
            return db.eventLoop.makeFailedFuture(UnauditedWrite(subjects: [type(of: model).schema]))
        }
        let schema = type(of: model).schema
        // A new record's id is made as it is created, so it is noted afterwards.
        return next.handle(event, model, on: db).map {
            ledger.wrote(AuditLedger.subject(schema, audited.auditSubjectID))
        }
    }
}
