import Fluent
import Vapor

/// The evaluator's pages: the responses they score (never one they declared a conflict with),
/// one response's sheet with the evidence beside the scale, the submission that locks their
/// scores, and then everyone's submitted scores.
struct ScoringController {
    @Sendable func overview(req: Request) async throws -> Response {
        let c = try await Scoring.context(req)
        return try await req.render(ScoringPages.overview(try await overviewModel(c, req), csrf: req.csrfToken))
    }

    private func overviewModel(_ c: Scoring.Context, _ req: Request) async throws -> ScoringPages.Overview {
        let sheets = try await Scoring.sheets(exercise: c.exercise.id!, evaluator: c.member.$user.id, on: req.db)
        let criteria = c.criteria.criteria.map(\.number)
        return ScoringPages.Overview(
            exerciseID: c.exercise.id!, reference: c.exercise.reference, title: c.exercise.title, criteria: c.criteria,
            rows: c.organisations.map { o in .init(id: o.id!, name: o.name, scored: criteria.filter { sheets[o.id!]?.mark($0) != nil }.count) },
            hidden: c.hidden, submittedAt: c.member.submittedAt, missing: Scoring.missing(c, sheets).count)
    }

    private func organisation(_ c: Scoring.Context, _ req: Request) throws -> SupplierOrganisation {
        // One the evaluator declared a conflict with is not there for them, whatever the id.
        guard let o = c.organisation(req.parameters.get("organisation").flatMap(UUID.init(uuidString:))) else {
            throw Abort(.notFound, reason: "No response you may score has that id.")
        }
        return o
    }

    private func sheetPage(_ c: Scoring.Context, _ o: SupplierOrganisation, _ sheet: ScoreSheet?, _ f: FormState, _ req: Request) async throws -> Response {
        guard let evidence = try await Scoring.evidence(exercise: c.exercise.id!, organisation: o.id!, on: req) else { throw Abort(.notFound) }
        return try await req.render(ScoringPages.sheet(exerciseID: c.exercise.id!, reference: c.exercise.reference, organisation: o,
                                                       criteria: c.criteria, evidence: evidence, locked: c.member.submittedAt != nil,
                                                       sheet: sheet, f))
    }

    static func input(_ sheet: ScoreSheet?) -> FormInput {
        SheetForm.input(version: sheet?.version, (sheet?.marks ?? []).map { ($0.criterion, $0.score, $0.rationale) }, text: "rationale")
    }

    @Sendable func sheet(req: Request) async throws -> Response {
        let c = try await Scoring.context(req), o = try organisation(c, req)
        let sheet = try await Scoring.sheets(exercise: c.exercise.id!, evaluator: c.member.$user.id, on: req.db)[o.id!]
        return try await sheetPage(c, o, sheet, FormState(input: Self.input(sheet), csrf: req.csrfToken), req)
    }

    /// Saves the sheet: a criterion left blank stays unscored; a score needs its rationale, and a
    /// rationale its score. Nothing is saved while anything is wrong, and what was typed is kept.
    @Sendable func save(req: Request) async throws -> Response {
        let c = try await Scoring.context(req), o = try organisation(c, req), input = FormInput.form(req)
        var v = Validator(input)
        let seen = v.integer(SheetForm.version)
        let marks = Scoring.form.read(&v, c.criteria).reduce(into: [Int: ScoreSheet.Mark?]()) { out, pair in
            out[pair.key] = pair.value.map { ScoreSheet.Mark(criterion: pair.key, score: $0.score, rationale: $0.text) }
        }
        let stored = try await Scoring.sheets(exercise: c.exercise.id!, evaluator: c.member.$user.id, on: req.db)[o.id!]
        do {
            try v.throwIfInvalid()
            try await Scoring.write(marks, organisation: o.id!, exercise: c.exercise.id!, evaluator: c.member.$user.id, seen: seen, on: req)
        } catch let failure as ValidationFailure {
            // Refused inside the transaction: what the evaluator may read may have changed since, so ask again before showing it.
            guard case .allowed(let again) = try await Scoring.access(exercise: c.exercise.id!, evaluator: c.member.$user.id, on: req.db),
                  again.organisation(o.id) != nil else { throw Abort(.notFound, reason: "No response you may score has that id.") }
            return try await sheetPage(c, o, stored, FormState(input: input, errors: failure.errors,
                                                               status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity, csrf: req.csrfToken), req)
        } catch let stale as StaleEdit {
            return try await sheetPage(c, o, stored, FormState(input: input.setting("version", String(stale.current)), errors: stale.errors,
                                                               status: .conflict, csrf: req.csrfToken), req)
        }
        return req.redirect(to: .scoring(.value(c.exercise.id!)), flash: "Your scores for \(o.name) are saved")
    }

    /// A file of a response the evaluator may score (a Statement of Intent, an outline), never of
    /// one they declared a conflict with.
    @Sendable func file(req: Request) async throws -> Response {
        let c = try await Scoring.context(req), o = try organisation(c, req)
        guard let sha = req.parameters.get("sha256"), sha.wholeMatch(of: /[0-9a-f]{64}/) != nil,
              let row = try await SubmittedAnswers.counting(c.exercise.id!, on: req.sql).first(where: { $0.organisation == o.id }),
              let document = try await Submission.find(row.submission, on: req.db)?.document,
              let f = RespondController.file(sha, in: [ResponsePages.answers(in: document)])
        else { throw Abort(.notFound, reason: "This response has no file with that SHA-256.") }
        return RespondController.download(f, req)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let c = try await Scoring.context(req)
        do {
            _ = try await Scoring.submit(exercise: c.exercise.id!, evaluator: c.member.$user.id, on: req)
        } catch let failure as ValidationFailure {
            var model = try await overviewModel(c, req)
            model.problem = failure.errors["submit"]
            return try await req.render(ScoringPages.overview(model, csrf: req.csrfToken, status: .conflict))
        }
        return req.redirect(to: .scoring(.value(c.exercise.id!)), flash: "Your scores are submitted and locked")
    }

    /// Everyone's submitted scores, for the responses this evaluator may read, once theirs are in.
    static let everyone = Scoring.scoring.and("once they have submitted their own scores") { req in
        guard let id = try? req.uuid(), let user = req.user,
              let m = try await PanelMember.query(on: req.db).filter(\.$exercise.$id == id).filter(\.$user.$id == user.id!).first()
        else { return .notFound }
        return m.submittedAt != nil ? .allowed : .forbidden("You see the other evaluators' scores once you have submitted all of yours.")
    }

    @Sendable func scores(req: Request) async throws -> Response {
        let c = try await Scoring.context(req)
        let submitted = try await Scoring.submitted(exercise: c.exercise.id!, organisations: Set(c.organisations.map { $0.id! }), on: req.sql)
        return try await req.render(ScoringPages.everyone(exerciseID: c.exercise.id!, reference: c.exercise.reference, criteria: c.criteria,
                                                          organisations: c.organisations, submitted: submitted, hidden: c.hidden))
    }
}
