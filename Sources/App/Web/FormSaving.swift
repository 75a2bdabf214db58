import Fluent
import Vapor

/// How a form page answers a save, the same for every record:
/// - saved: `done` (a redirect with a message);
/// - refused by the rules or by the other records: the form again, with what was typed and a
///   message beside each field (422);
/// - someone else saved first (`StaleEdit`): the form again with what was typed, set to the latest
///   version, and a notice showing what is saved now beside it (409). Saving again then replaces it.
struct FormSave<M: Versioned> {
    /// The form's fields, in order: their labels name the differences in the stale-edit notice.
    var rules: [FieldRule]
    /// Renders the form: what was typed, the messages, a notice above the form, the status.
    var form: @Sendable (FormInput, FormErrors, HTML, HTTPResponseStatus) async throws -> Response

    func run(_ req: Request, id: UUID?, input: FormInput, write: () async throws -> M, done: (M) -> Response) async throws -> Response {
        do {
            // A change sent without a readable version of what it was opened at (a form from
            // before versions, one that lost or garbled its hidden field) cannot be trusted to be
            // current: it is treated as stale, so the person sees what is saved and can save
            // again, instead of a message about a field they cannot see.
            if id != nil, Int(input[AuditedWrite.version.name]) == nil { throw StaleEdit(seen: 0, current: 0) }
            return done(try await write())
        } catch let failure as ValidationFailure {
            return try await form(input, failure.errors, .empty, .unprocessableEntity)
        } catch let stale as StaleEdit {
            // (No id: the one record of its kind, made by someone else first.)
            let found = if let id { try await M.find(id, on: req.db) } else { try await M.query(on: req.db).first() }
            guard let current = found else { throw Abort(.notFound) }
            let told = StaleEdit(seen: stale.seen, current: current.version)
            let kept = input.setting(AuditedWrite.version.name, String(current.version))
            return try await form(kept, told.errors, Component.staleNotice(rules, saved: current.currentInput, yours: input), told.status)
        }
    }
}
