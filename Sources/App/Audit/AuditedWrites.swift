import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// A record that people edit through forms and the API. Every change is audited, and moves its
/// `version` on by one; an edit must say which version it was made from.
protocol Versioned: Model, Auditable, Sendable where IDValue == UUID {
    var version: Int { get set }
    /// Every editable field as input, for laying a partial change over (a PATCH, one button).
    var currentInput: [String: InputValue] { get }
}

/// An edit made from a version that is no longer the latest: someone else saved a change after
/// the editor read the record. Nothing is written; the editor is shown both.
struct StaleEdit: AbortError {
    var seen: Int
    var current: Int
    var status: HTTPResponseStatus { .conflict }
    var reason: String { "Someone else changed this since you read it. Nothing was saved." }
    var errors: FormErrors {
        var errors = FormErrors()
        errors.add(AuditedWrite.version.name, "This was changed by someone else since you opened it (you had version \(seen); it is now version \(current)). Read it again and make your change to the new version.", conflict: true)
        return errors
    }
}

enum AuditedWrite {
    /// The version an edit was made from: required to change a record, refused if it is not the latest.
    static let version = FieldRule("version", "Version", .integer(0...Int(Int32.max)),
                                   description: "The `version` you read. If the record has changed since, nothing is saved and the answer is 409.")

    /// Takes, to the end of the transaction, the lock for writing to `table`, so that checks
    /// against the table's other rows (a unique name, the next position) and the write that
    /// follows them cannot interleave with another writer's. On PostgreSQL an advisory lock;
    /// SQLite's audited transactions already hold the database's write lock from their start.
    static func lockTable(_ table: String, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, !(tx is any SQLiteDatabase) else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "write:" + table)))").run()
    }
}

extension Request {
    var actor: Actor { user.map(Actor.user) ?? .system("anonymous") }

    /// Makes a record and its audit event in one transaction. `apply` reads the input into the
    /// model, checking it against the other records under the table's write lock; it throws
    /// `ValidationFailure` to refuse, and nothing is written.
    func createAudited<M: Versioned>(
        _ model: M, from input: FormInput, action: String,
        _ apply: @escaping @Sendable (M, inout Validator, any Database) async throws -> Void
    ) async throws {
        let actor = self.actor, now = self.now
        try await application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(M.schema, on: tx)
            var v = Validator(input)
            try await apply(model, &v, tx)
            try v.throwIfInvalid()
            model.version = 1
            try await model.create(on: tx)
            try await AuditTrail.record(action, model, before: nil, by: actor, at: now, on: tx)
        }
    }

    /// Changes a record: reads it, applies the input laid over its current fields, checks the
    /// version the editor saw, saves it with the next version and records every changed field's value
    /// before and after, all in one transaction under the table's write lock. So two people
    /// saving at once are told, not silently overwritten, and the trail records true old values.
    /// `apply` returns the event's action. An edit that changes nothing writes nothing.
    @discardableResult
    func editAudited<M: Versioned>(
        _ type: M.Type, _ id: UUID, from input: FormInput,
        _ apply: @escaping @Sendable (M, inout Validator, any Database) async throws -> String
    ) async throws -> M {
        let actor = self.actor, now = self.now
        return try await application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(M.schema, on: tx)
            guard let model = try await M.find(id, on: tx) else { throw Abort(.notFound, reason: "Nothing has that id.") }
            var v = Validator(input.over(model.currentInput))
            let seen = v.integer(AuditedWrite.version)
            let before = model.auditFields, stored = model.version
            // Input that breaks the rules is refused as such (422) whatever its version; the
            // record was read in this transaction, so changing it before the version check
            // below changes nothing stored.
            let action = try await apply(model, &v, tx)
            try v.throwIfInvalid()
            if let seen, seen != stored { throw StaleEdit(seen: seen, current: stored) }
            guard model.auditFields != before else { return model }
            model.version += 1
            try await model.save(on: tx)
            try await AuditTrail.record(action, model, before: before, by: actor, at: now, on: tx)
            return model
        }
    }

    /// Removes a record and records its last values, in one transaction under the table's write
    /// lock. The removal is refused (`StaleEdit`) if the record changed since it was read at
    /// `version`. Returns the record as it was.
    @discardableResult
    /// `check` may refuse the removal (throw) after reading other records in the same transaction.
    func deleteAudited<M: Versioned>(_ type: M.Type, _ id: UUID, version seen: Int, action: String,
                                     check: (@Sendable (M, any Database) async throws -> Void)? = nil) async throws -> M {
        let actor = self.actor, now = self.now
        return try await application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(M.schema, on: tx)
            guard let model = try await M.find(id, on: tx) else { throw Abort(.notFound, reason: "Nothing has that id.") }
            guard seen == model.version else { throw StaleEdit(seen: seen, current: model.version) }
            try await check?(model, tx)
            let before = model.auditFields, subject = model.auditSubjectID
            try await model.delete(on: tx)
            try await AuditTrail.record(action, subjectType: M.schema, subjectID: subject,
                                        changes: AuditTrail.diff(before: before, after: nil), by: actor, at: now, on: tx)
            return model
        }
    }
}
