import Fluent
import Vapor

/// The moderator's pages: every evaluator's submitted scores side by side, the spreads flagged,
/// and the agreed score for each objective with its reason.
struct ModerationController {
    /// The exercise's moderator (anyone else is told it is not there), once the responses are open.
    static let moderating = Permission.roles(.moderator).and("the exercise's moderator, after the responses were opened") { req in
        guard let id = try? req.uuid(), let user = req.user else { return .notFound }
        return try await mayModerate(exercise: id, moderator: user.id!, on: req.db)
    }

    static func mayModerate(exercise id: UUID, moderator: UUID, on db: any Database) async throws -> Permission.Outcome {
        guard let e = try await Exercise.find(id, on: db),
              try await PanelMember.query(on: db).filter(\.$exercise.$id == id).filter(\.$user.$id == moderator)
                .filter(\.$role == .moderator).first() != nil
        else { return .notFound }
        if e.status == .cancelled { return .forbidden("The exercise is cancelled, so nothing more is moderated.") }
        guard e.openedAt != nil, try await Criteria.of(id, on: db.sql) != nil else {
            return .forbidden("The responses are sealed until two officers open them after the deadline.")
        }
        return .allowed
    }

    struct Context: Sendable {
        var exercise: Exercise
        var criteria: Criteria
        var organisations: [SupplierOrganisation]
        var submitted: Scoring.Submitted
        var sheets: [UUID: ModerationSheet]
    }

    /// Without `rationales`, the scores alone (the overview's way).
    static func context(_ exerciseID: UUID, rationales: Bool = true, on db: any Database) async throws -> Context {
        guard let e = try await Exercise.find(exerciseID, on: db), let criteria = try await Criteria.of(exerciseID, on: db.sql) else { throw Abort(.notFound) }
        let organisations = try await Panel.respondents(exerciseID, on: db)
        let submitted = try await Scoring.submitted(exercise: exerciseID, organisations: Set(organisations.map { $0.id! }), rationales: rationales, on: db.sql)
        let sheets = try await ModerationSheet.query(on: db).filter(\.$exercise.$id == exerciseID).all()
        return Context(exercise: e, criteria: criteria, organisations: organisations, submitted: submitted,
                       sheets: Dictionary(sheets.map { ($0.$organisation.id, $0) }) { a, _ in a })
    }

    static let form = SheetForm(text: "reason", textLabel: { "The reason for the agreed score for objective \($0.numeral)" },
                                needsText: { "Give the reason for the agreed score for objective \($0.numeral)" },
                                needsScore: { "Choose the agreed score for objective \($0.numeral), or clear its reason" })
    static let score = FieldRule("score", "The agreed score", .integer(Criteria.scores))
    static let reason = FieldRule("reason", "The reason for the agreed score", .text(max: 4_000))

    /// The evaluators who may score `organisation` (on the panel, no conflict declared with it)
    /// and have not submitted.
    static func waitingFor(_ organisation: UUID, exercise id: UUID, on db: any Database) async throws -> [String] {
        let conflicted = Set(try await Declaration.query(on: db).filter(\.$exercise.$id == id).filter(\.$organisation.$id == organisation)
            .filter(\.$conflict == true).all(\.$evaluator.$id))
        return try await PanelMember.query(on: db).filter(\.$exercise.$id == id).filter(\.$role == .evaluator).with(\.$user).all()
            .filter { $0.submittedAt == nil && !conflicted.contains($0.$user.id) }.map(\.user.name).sorted()
    }

    /// Every response's flagged spreads and agreed scores, read narrowly: with a thousand responses
    /// it reads ids, names and compact scores, never whole records or reasons.
    @Sendable func overview(req: Request) async throws -> Response {
        let id = try req.uuid()
        guard let e = try await Exercise.find(id, on: req.db), let criteria = try await Criteria.of(id, on: req.sql) else { throw Abort(.notFound) }
        let list = criteria.criteria, flag = criteria.spreadFlag, sql = try req.sql
        // Independent reads, run together; the spreads come from the submitted scores' tally.
        async let namesRead = Panel.respondentNames(id, on: sql)
        async let tallyRead = Scoring.tally(exercise: id, criteria: list.map(\.number), on: sql)
        async let agreedRead = ModerationSheet.agreedScores(id, on: sql)
        let organisations = try await namesRead, tally = try await tallyRead, agreed = try await agreedRead
        let rows = organisations.map { o in
            let row = tally.rows[o.id]
            let flagged = list.indices.filter { column in
                guard let range = row.flatMap({ tally.summary(row: $0, column: column) })?.range else { return false }
                return range.upperBound - range.lowerBound >= flag
            }.count
            return ScoringPages.ModerationRow(id: o.id, name: o.name, flagged: flagged, moderated: agreed[o.id]?.count ?? 0)
        }
        return try await req.render(ScoringPages.moderation(exerciseID: id, reference: e.reference, criteria: criteria, rows: rows,
                                                            waiting: tally.evaluators.filter { $0.submittedAt == nil }.map(\.name)))
    }

    private func organisation(_ c: Context, _ req: Request) throws -> SupplierOrganisation {
        guard let id = req.parameters.get("organisation").flatMap(UUID.init(uuidString:)), let o = c.organisations.first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "No organisation whose response counts in this exercise has that id.")
        }
        return o
    }

    static func input(_ sheet: ModerationSheet?) -> FormInput {
        SheetForm.input(version: sheet?.version, (sheet?.consensus ?? []).map { ($0.criterion, $0.score, $0.reason) }, text: "reason")
    }

    private func page(_ c: Context, _ o: SupplierOrganisation, _ f: FormState, conditions: FormState? = nil, _ req: Request) async throws -> Response {
        let outcomes = try await Conditions.outcomes(c.exercise.id!, on: req.sql)[o.id!] ?? []
        return try await req.render(ScoringPages.moderationSheet(exerciseID: c.exercise.id!, reference: c.exercise.reference, organisation: o,
                                                                 criteria: c.criteria, submitted: c.submitted, f, conditions: outcomes,
                                                                 conditions ?? FormState(input: Self.conditionsInput(outcomes), csrf: req.csrfToken)))
    }

    static func conditionsInput(_ outcomes: [Conditions.Outcome]) -> FormInput {
        var values: [String: String] = [:]
        for o in outcomes where o.judged {
            values[Conditions.metField(o.question.id)] = o.state == .met ? "yes" : "no"
            values[Conditions.keepField(o.question.id)] = o.kept
        }
        return FormInput(values)
    }

    /// The moderator's judgement of whether the response meets each condition.
    @Sendable func saveConditions(req: Request) async throws -> Response {
        let c = try await Self.context(req.uuid(), on: req.db), o = try organisation(c, req), input = FormInput.form(req)
        do {
            try await Conditions.save(exercise: c.exercise.id!, organisation: o.id!, input: input, on: req)
        } catch let failure as ValidationFailure {
            return try await page(c, o, FormState(input: Self.input(c.sheets[o.id!]), csrf: req.csrfToken),
                                  conditions: FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken), req)
        }
        return req.redirect(to: .moderationSheet(.value(c.exercise.id!), .value(o.id!.lowercasedString)), flash: "The conditions for \(o.name) are judged")
    }

    @Sendable func sheet(req: Request) async throws -> Response {
        let c = try await Self.context(req.uuid(), on: req.db), o = try organisation(c, req)
        return try await page(c, o, FormState(input: Self.input(c.sheets[o.id!]), csrf: req.csrfToken), req)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let c = try await Self.context(req.uuid(), on: req.db), o = try organisation(c, req), input = FormInput.form(req)
        var v = Validator(input)
        let seen = v.integer(SheetForm.version)
        let agreed = Self.form.read(&v, c.criteria).reduce(into: [Int: ModerationSheet.Consensus?]()) { out, pair in
            out[pair.key] = pair.value.map { ModerationSheet.Consensus(criterion: pair.key, score: $0.score, reason: $0.text) }
        }
        do {
            try v.throwIfInvalid()
            try await Self.write(agreed, organisation: o.id!, exercise: c.exercise.id!, seen: seen, on: req)
        } catch let failure as ValidationFailure {
            // Refused inside the transaction: the moderator may have been taken off the panel since.
            guard try await Self.mayModerate(exercise: c.exercise.id!, moderator: try req.requireUser().id!, on: req.db) == .allowed else {
                throw Abort(.notFound)
            }
            return try await page(c, o, FormState(input: input, errors: failure.errors, status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity,
                                                  csrf: req.csrfToken), req)
        } catch let stale as StaleEdit {
            return try await page(c, o, FormState(input: input.setting("version", String(stale.current)), errors: stale.errors, status: .conflict,
                                                  csrf: req.csrfToken), req)
        }
        return req.redirect(to: .moderation(.value(c.exercise.id!)), flash: "The agreed scores for \(o.name) are saved")
    }

    /// Records agreed scores for one organisation in one audited transaction: for each criterion
    /// named, the agreed score or nil to clear it. The moderator's right is asked again inside it.
    @discardableResult
    static func write(_ agreed: [Int: ModerationSheet.Consensus?], organisation: UUID, exercise id: UUID, seen: Int?, on req: Request) async throws -> ModerationSheet {
        let actor = req.actor, now = req.now, moderator = try req.requireUser().id!
        return try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(ModerationSheet.schema, on: tx)
            var v = Validator(FormInput())
            guard try await mayModerate(exercise: id, moderator: moderator, on: tx) == .allowed else {
                v.conflict("version", "The exercise or its panel changed while you were moderating; nothing was saved. What you typed is below.")
                try v.throwIfInvalid()
                throw Abort(.conflict)
            }
            // Independent scoring first: agreed scores only once every evaluator who may score this response has submitted.
            let waiting = try await waitingFor(organisation, exercise: id, on: tx)
            if !waiting.isEmpty, agreed.values.contains(where: { $0 != nil }) {
                v.conflict("version", "Not every evaluator has submitted their scores for this response yet (\(waiting.joined(separator: ", "))); agree scores once they have.")
                try v.throwIfInvalid()
            }
            let existing = try await ModerationSheet.query(on: tx).filter(\.$exercise.$id == id).filter(\.$organisation.$id == organisation).first()
            return try await ModerationSheet.write(agreed, over: existing, seen: seen, make: {
                let sheet = ModerationSheet()
                sheet.$exercise.id = id; sheet.$organisation.id = organisation
                return sheet
            }, touch: { $0.moderatorID = moderator }, events: "moderation", by: actor, at: now, on: tx)
        }
    }
}
