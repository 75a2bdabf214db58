import Fluent
import FluentSQL
import SQLKit
import Vapor

/// What an exercise's responses are scored against, one row an exercise: the objectives with
/// their weights as they stood when the responses were opened (frozen then, so that a later
/// change of the council's weights does not move an evaluation under way), the scoring scale
/// with a descriptor for each point, and the spread between evaluators that the moderator is
/// shown as a flag. A later change of the criteria's weights is a decision with its reason,
/// recorded in the audit trail; the scale can change only until the first score is recorded.
final class Criteria: Model, @unchecked Sendable {
    static let schema = "evaluation_criteria"

    struct Criterion: Codable, Sendable, Equatable {
        var number: Int
        var title: String
        var weight: Double
        var numeral: String { RomanNumeral.string(number) }
    }

    struct Level: Codable, Sendable, Equatable {
        var score: Int
        var label: String
        var descriptor: String
    }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Field(key: "criteria") var criteriaJSON: String
    @Field(key: "scale") var scaleJSON: String
    @Field(key: "spread_flag") var spreadFlag: Int
    @Field(key: "frozen_at") var frozenAt: Date
    /// The reason given for the last change of the weights since they were frozen ("" if none).
    @Field(key: "change_reason") var changeReason: String
    @OptionalField(key: "changed_at") var changedAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $criteriaJSON, $scaleJSON, $spreadFlag, $frozenAt, $changeReason, $changedAt] }

    init() { version = 1; changeReason = "" }

    var criteria: [Criterion] {
        get { (try? JSONDecoder().decode([Criterion].self, from: Data(criteriaJSON.utf8))) ?? [] }
        set { criteriaJSON = sortedJSONText(newValue) }
    }

    var scale: [Level] {
        get { (try? JSONDecoder().decode([Level].self, from: Data(scaleJSON.utf8))) ?? Self.defaultScale }
        set { scaleJSON = sortedJSONText(newValue) }
    }

    var totalWeight: Double { criteria.reduce(0) { $0 + $1.weight } }

    /// 0–5, from no evidence to excellent.
    static let defaultScale: [Level] = [
        .init(score: 0, label: "No evidence", descriptor: "The response gives no evidence that it would meet this objective."),
        .init(score: 1, label: "Poor", descriptor: "Little evidence, and what there is raises doubts."),
        .init(score: 2, label: "Limited", descriptor: "Some evidence, but general or unsupported."),
        .init(score: 3, label: "Satisfactory", descriptor: "Clear evidence that it would meet the objective in part."),
        .init(score: 4, label: "Good", descriptor: "Clear, specific evidence that it would meet the objective."),
        .init(score: 5, label: "Excellent", descriptor: "Strong, specific and quantified evidence that it would meet the objective in full and add to it."),
    ]
    static let scores = 0...5
    static let defaultSpreadFlag = 2

    /// Freezes the council's objectives and weights as this exercise's criteria, with the default
    /// scale, in the transaction that opens the responses (`Sealing.confirm`). An exercise whose
    /// criteria are frozen already keeps them.
    static func freeze(_ exerciseID: UUID, by actor: Actor, at now: Date, on tx: any Database) async throws {
        guard try await Criteria.query(on: tx).filter(\.$exercise.$id == exerciseID).first() == nil else { return }
        let objectives = try await Objective.query(on: tx).sort(\.$number).all()
        guard objectives.contains(where: { $0.weight > 0 }) else {
            var v = Validator(FormInput())
            v.conflict("version", "The council has no objectives with a weight to evaluate the responses against: set them before opening the responses.")
            try v.throwIfInvalid()
            return
        }
        let c = Criteria()
        c.$exercise.id = exerciseID
        c.criteria = Criteria.of(objectives)
        c.scale = defaultScale
        c.spreadFlag = defaultSpreadFlag
        c.frozenAt = now
        try await c.create(on: tx)
        try await AuditTrail.record("criteria.freeze", c, before: nil, by: actor, at: now, on: tx)
    }

    /// The council's objectives as criteria, in the order given, with their weights as they
    /// stand: what the opening freezes, and what an options appraisal scores against.
    static func of(_ objectives: [Objective]) -> [Criterion] {
        objectives.map { Criterion(number: $0.number, title: $0.title, weight: $0.weight) }
    }

    static func of(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> Criteria? {
        try await sql.select().column("*").from(schema).where("exercise_id", .equal, exerciseID).first(decodingFluent: Criteria.self)
    }
}

/// Exercises opened before criteria were frozen at the opening get them now, from the
/// objectives as they stand, as if frozen when they were opened.
struct FreezeCriteriaOfOpenedExercises: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Plain SQL: the exercise model may have columns a later migration adds.
        let rows = try await (database as! any SQLDatabase).select().column("id").column("opened_at").from(Exercise.schema)
            .where(SQLColumn("opened_at"), .isNot, SQLLiteral.null).all()
        let opened = try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "opened_at", as: Date.self)) }
        // Without a weighted objective there is nothing to freeze: such an exercise (opened by an
        // earlier version, when none had a weight) stays without criteria, and its evaluation pages say so (409).
        guard !opened.isEmpty, try await Objective.query(on: database).filter(\.$weight > 0).first() != nil else { return }
        try await AuditTrail.transaction(on: database) { tx in
            for (id, at) in opened { try await Criteria.freeze(id, by: .system("migration"), at: at, on: tx) }
        }
    }

    func revert(on database: any Database) async throws {}
}

extension Criteria: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "criteria": criteriaJSON, "scale": scaleJSON, "spread flag": String(spreadFlag),
         "reason": changeReason]
    }
    var currentInput: [String: InputValue] { [:] }
}

/// The officer's page of an exercise's criteria: the weights as frozen (and a reasoned change of
/// them), the scale's words and the moderator's spread flag (until scoring starts).
struct CriteriaController {
    static let spreadFlag = FieldRule("spreadFlag", "The spread to flag", .integer(1...5))
    static let reason = FieldRule("reason", "Why the weights change", .text(max: 2_000))
    static func label(_ score: Int) -> FieldRule { FieldRule("label-\(score)", "The name of score \(score)", .line(max: 60)) }
    static func descriptor(_ score: Int) -> FieldRule { FieldRule("descriptor-\(score)", "What score \(score) means", .text(max: 500)) }
    static func weight(_ number: Int) -> FieldRule {
        FieldRule("weight-\(number)", "The weight of objective \(RomanNumeral.string(number))", .decimal(0...1_000))
    }

    /// A criterion's weight from a form; a blank one is told in words that keep the numeral's case.
    static func readWeight(_ v: inout Validator, _ c: Criteria.Criterion) -> Double? {
        let rule = weight(c.number)
        guard !TextRules.trimmed(v.input[rule.name]).isEmpty || v.input.source == .json else {
            v.accept(rule.name)
            v.fail(rule.name, "Enter a weight for objective \(c.numeral), 0 if it does not count")
            return nil
        }
        return v.decimal(rule)
    }

    private func load(_ req: Request) async throws -> (Exercise, Criteria?, scoringStarted: Bool) {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let c = try await Criteria.of(e.id!, on: req.sql)
        return (e, c, try await Scoring.started(e.id!, on: req.db))
    }

    static func scaleInput(_ c: Criteria) -> FormInput {
        var values = ["spreadFlag": String(c.spreadFlag), "version": String(c.version)]
        for l in c.scale { values["label-\(l.score)"] = l.label; values["descriptor-\(l.score)"] = l.descriptor }
        return FormInput(values)
    }

    static func weightsInput(_ c: Criteria) -> FormInput {
        var values = ["version": String(c.version)]
        for x in c.criteria { values["weight-\(x.number)"] = Weight.format(x.weight) }
        return FormInput(values)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (e, c, started) = try await load(req)
        let csrf = req.csrfToken
        return try await req.render(CriteriaPages.criteria(e, c, scoringStarted: started,
                                                          scale: FormState(input: c.map(Self.scaleInput) ?? FormInput(), csrf: csrf),
                                                          weights: FormState(input: c.map(Self.weightsInput) ?? FormInput(), csrf: csrf)))
    }

    /// The scale's words and the spread flag, until the first score is recorded.
    @Sendable func saveScale(req: Request) async throws -> Response {
        let (e, c, started) = try await load(req)
        guard let c else { throw Abort(.conflict, reason: "The criteria are frozen when the responses are opened.") }
        let input = FormInput.form(req)
        do {
            try await req.editAudited(Criteria.self, c.id!, from: input) { c, v, tx in
                var scale: [Criteria.Level] = []
                for level in Criteria.scores {
                    scale.append(.init(score: level, label: v.text(Self.label(level)), descriptor: v.text(Self.descriptor(level))))
                }
                let flag = v.integer(Self.spreadFlag)
                // Scoring's own lock, so that no first score is recorded while the scale changes.
                try await AuditedWrite.lockTable(ScoreSheet.schema, on: tx)
                if try await Scoring.started(c.$exercise.id, on: tx) {
                    v.conflict("version", "Scoring has started, so the scale and the spread flag are fixed.")
                }
                c.scale = scale
                if let flag { c.spreadFlag = flag }
                return "criteria.scale"
            }
        } catch let failure as ValidationFailure {
            return try await req.render(CriteriaPages.criteria(e, c, scoringStarted: started,
                                                              scale: FormState(input: input, errors: failure.errors, status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity, csrf: req.csrfToken),
                                                              weights: FormState(input: Self.weightsInput(c), csrf: req.csrfToken)))
        } catch let stale as StaleEdit {
            return try await req.render(CriteriaPages.criteria(e, c, scoringStarted: started,
                                                              scale: FormState(input: input, errors: stale.errors, status: .conflict, csrf: req.csrfToken),
                                                              weights: FormState(input: Self.weightsInput(c), csrf: req.csrfToken)))
        }
        return req.redirect(to: .evaluationCriteria(.value(e.id!)), flash: "The scale is saved")
    }

    /// A change of the frozen weights: a decision, with its reason, recorded in the audit trail.
    @Sendable func saveWeights(req: Request) async throws -> Response {
        let (e, c, started) = try await load(req)
        guard let c else { throw Abort(.conflict, reason: "The criteria are frozen when the responses are opened.") }
        let input = FormInput.form(req), now = req.now
        do {
            try await req.editAudited(Criteria.self, c.id!, from: input) { c, v, _ in
                var criteria = c.criteria
                for i in criteria.indices {
                    if let w = Self.readWeight(&v, criteria[i]) { criteria[i].weight = w }
                }
                let reason = v.text(Self.reason)
                if v.errors.isEmpty, criteria.reduce(0, { $0 + $1.weight }) <= 0 {
                    v.fail(Self.weight(criteria[0].number).name, "Give at least one objective a weight above 0")
                }
                if v.errors.isEmpty, criteria == c.criteria { v.fail(Self.weight(criteria[0].number).name, "Change at least one weight, or leave the weights as they are") }
                c.criteria = criteria
                c.changeReason = reason
                c.changedAt = now
                return "criteria.weights"
            }
        } catch let failure as ValidationFailure {
            return try await req.render(CriteriaPages.criteria(e, c, scoringStarted: started,
                                                              scale: FormState(input: Self.scaleInput(c), csrf: req.csrfToken),
                                                              weights: FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        } catch let stale as StaleEdit {
            return try await req.render(CriteriaPages.criteria(e, c, scoringStarted: started,
                                                              scale: FormState(input: Self.scaleInput(c), csrf: req.csrfToken),
                                                              weights: FormState(input: input, errors: stale.errors, status: .conflict, csrf: req.csrfToken)))
        }
        return req.redirect(to: .evaluationCriteria(.value(e.id!)), flash: "The weights are changed, with your reason recorded")
    }
}
