import Fluent
import Vapor

/// The evaluator's side before scoring: the exercises whose panels they are on, and their
/// declarations of interest about each responding organisation.
struct DeclarationsController {
    /// An evaluator's or moderator's exercises.
    @Sendable func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let memberships = try await PanelMember.query(on: req.db).filter(\.$user.$id == user.id!).with(\.$exercise).all()
        var rows: [EvaluationPages.Assignment] = []
        // Only officers see a draft. No panel is made for one; this keeps one from being listed even so.
        for m in memberships.filter({ $0.exercise.status != .draft }).sorted(by: { $0.exercise.reference < $1.exercise.reference }) {
            let e = m.exercise
            let opened = e.openedAt != nil
            let respondents = opened ? Set(try await Panel.respondents(e.id!, on: req.db).map { $0.id! }) : []
            // Declarations about organisations whose responses still count.
            let declared = m.role == .evaluator && opened
                ? try await Declaration.query(on: req.db).filter(\.$exercise.$id == e.id!).filter(\.$evaluator.$id == user.id!)
                    .all(\.$organisation.$id).filter(respondents.contains).count
                : 0
            rows.append(.init(exerciseID: e.id!, reference: e.reference, title: e.title, role: m.role, opened: opened,
                              cancelled: e.status == .cancelled, respondents: respondents.count, declared: declared))
        }
        return try await req.render(EvaluationPages.assignments(rows))
    }

    private func context(_ req: Request) async throws -> (Exercise, [SupplierOrganisation], [UUID: Declaration]) {
        let user = try req.requireUser()
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let (respondents, own) = try await Panel.declarations(exercise: e.id!, evaluator: user.id!, on: req.db)
        return (e, respondents, own)
    }

    @Sendable func form(req: Request) async throws -> Response {
        let (e, respondents, own) = try await context(req)
        var values: [String: String] = [:]
        for (organisation, d) in own {
            values[Self.conflictField(organisation)] = d.conflict ? "yes" : "no"
            values[Self.noteField(organisation)] = d.note
        }
        return try await req.render(EvaluationPages.declarations(e, respondents, FormState(input: FormInput(values), csrf: req.csrfToken)))
    }

    static func conflictField(_ organisation: UUID) -> String { "conflict-\(organisation.lowercasedString)" }
    static func noteField(_ organisation: UUID) -> String { "note-\(organisation.lowercasedString)" }

    /// Saves every declaration at once: each organisation needs an answer, and a conflict needs
    /// a note. Made or changed declarations are each recorded in the audit trail.
    @Sendable func save(req: Request) async throws -> Response {
        let (e, respondents, _) = try await context(req)
        let user = try req.requireUser(), input = FormInput.form(req), exerciseID = e.id!
        var v = Validator(input)
        var answers: [(UUID, Bool, String)] = []
        for o in respondents {
            let conflictName = Self.conflictField(o.id!), noteName = Self.noteField(o.id!)
            v.accept(conflictName)
            let note = v.text(FieldRule(noteName, "Your note on \(o.name)", .text(max: 2_000), required: false))
            switch TextRules.trimmed(input[conflictName]) {
            case "no": answers.append((o.id!, false, ""))
            case "yes":
                if note.isEmpty, v.errors[noteName] == nil { v.fail(noteName, "Say what your conflict of interest with \(o.name) is") }
                answers.append((o.id!, true, note))
            default:
                v.fail(conflictName, "Select whether you have a conflict of interest with \(o.name)")
            }
        }
        do {
            try v.throwIfInvalid()
            try await Self.write(answers, exercise: exerciseID, evaluator: user.id!, on: req)
        } catch let failure as ValidationFailure {
            return try await req.render(EvaluationPages.declarations(e, respondents, FormState(input: input, errors: failure.errors,
                                                                                              status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity,
                                                                                              csrf: req.csrfToken)))
        }
        return req.redirect(to: .evaluate, flash: "Your declarations for \(e.reference) are saved")
    }

    /// Writes an evaluator's declarations (organisation, conflict, note) in one audited
    /// transaction: new ones made, changed ones changed, unchanged ones left alone. Once the
    /// evaluator has submitted their scores the declarations are fixed with them. A conflict
    /// declared after scoring that organisation voids those scores in the same transaction, so a
    /// conflicted score never counts. It holds the scores' lock, which scoring and submitting
    /// take too, so none of them can act on declarations that are changing.
    static func write(_ answers: [(UUID, Bool, String)], exercise exerciseID: UUID, evaluator evaluatorID: UUID, on req: Request) async throws {
        let actor = req.actor, now = req.now
        try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(ScoreSheet.schema, on: tx)
            try await AuditedWrite.lockTable(Declaration.schema, on: tx)
            guard try await Panel.mayDeclare(exercise: exerciseID, evaluator: evaluatorID, on: tx) == .allowed else {
                throw Abort(.conflict, reason: "The exercise or its panel changed while you were declaring; nothing was saved. Open the page again.")
            }
            let stored = try await Declaration.query(on: tx).filter(\.$exercise.$id == exerciseID).filter(\.$evaluator.$id == evaluatorID).all()
            // Once the scores are submitted, a conflict found later can still be declared (its scores
            // are voided below), but none is withdrawn and nothing new is declared "no conflict".
            let withdrawn = answers.contains { a in stored.first { $0.$organisation.id == a.0 }.map { !a.1 && ($0.conflict || $0.note != a.2) } ?? !a.1 }
            if withdrawn, try await PanelMember.query(on: tx).filter(\.$exercise.$id == exerciseID).filter(\.$user.$id == evaluatorID)
                .first()?.submittedAt != nil {
                var v = Validator(FormInput())
                v.conflict("version", "You have submitted your scores, so a conflict you declared stands. You can still declare a conflict you have found since.")
                try v.throwIfInvalid()
            }
            for (organisation, conflict, _) in answers where conflict {
                // Scores given before the conflict was declared no longer count.
                if let sheet = try await ScoreSheet.query(on: tx).filter(\.$exercise.$id == exerciseID).filter(\.$evaluator.$id == evaluatorID)
                    .filter(\.$organisation.$id == organisation).first() {
                    let before = sheet.auditFields, subject = sheet.auditSubjectID
                    try await sheet.delete(on: tx)
                    try await AuditTrail.record("scores.void", subjectType: ScoreSheet.schema, subjectID: subject,
                                                changes: AuditTrail.diff(before: before, after: nil), by: actor, at: now, on: tx)
                }
            }
            for (organisation, conflict, note) in answers {
                if let d = stored.first(where: { $0.$organisation.id == organisation }) {
                    guard d.conflict != conflict || d.note != note else { continue }
                    let before = d.auditFields
                    d.conflict = conflict; d.note = note; d.declaredAt = now; d.version += 1
                    try await d.save(on: tx)
                    try await AuditTrail.record("declaration.change", d, before: before, by: actor, at: now, on: tx)
                } else {
                    let d = Declaration()
                    d.$exercise.id = exerciseID; d.$evaluator.id = evaluatorID; d.$organisation.id = organisation
                    d.conflict = conflict; d.note = note; d.declaredAt = now
                    try await d.create(on: tx)
                    try await AuditTrail.record("declaration.make", d, before: nil, by: actor, at: now, on: tx)
                }
            }
        }
    }
}
