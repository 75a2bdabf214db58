import Decision
import Fluent
import SQLKit
import Vapor

/// A named alternative weighting of the criteria ("Regeneration primary"), shown beside the
/// frozen weights so that the board sees how each organisation's rank moves with them.
final class WeightScenario: Model, @unchecked Sendable {
    static let schema = "weight_scenarios"

    struct Weight: Codable, Sendable, Equatable { var criterion: Int; var weight: Double }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "weights") var weightsJSON: String
    @Field(key: "created_at") var createdAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $name, $description, $weightsJSON, $createdAt] }

    init() { version = 1; weightsJSON = "[]" }

    var weights: [Weight] {
        get { (try? JSONDecoder().decode([Weight].self, from: Data(weightsJSON.utf8))) ?? [] }
        set { weightsJSON = sortedJSONText(newValue.sorted { $0.criterion < $1.criterion }, orEmpty: "[]") }
    }

    /// The weights in the order of `criteria`, 0 for any criterion the scenario does not name.
    func weights(for criteria: Criteria) -> [Double] {
        let byNumber = Dictionary(weights.map { ($0.criterion, $0.weight) }) { a, _ in a }
        return criteria.criteria.map { byNumber[$0.number] ?? 0 }
    }
}

extension WeightScenario: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "name": name, "description": description, "weights": weightsJSON]
    }
    var currentInput: [String: InputValue] { [:] }
}

struct CreateResults: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WeightScenario.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("weights", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "exercise_id", "name")
            .create()
        try await database.schema(SensitivityRun.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("number", .int, .required)
            .field("run_at", .datetime, .required)
            .field("run_by", .string, .required)
            .field("settings", .string, .required)
            .field("result", .string, .required)
            .unique(on: "exercise_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SensitivityRun.schema).delete()
        try await database.schema(WeightScenario.schema).delete()
    }
}

/// Where the evaluation stands: for each organisation whose response counts, the score used on
/// each criterion (the moderator's agreed score, or until then the mean of the evaluators'
/// submitted scores), the evaluators' range, and the weighted total and rank. Totals are shares
/// of the best possible (every criterion at the top of the scale), as percentages.
struct Results: Sendable {
    struct Row: Sendable {
        var organisation: UUID
        var name: String
        /// By criterion, in the criteria's order: the score used, or nil with no submitted score.
        var values: [Double?]
        var agreed: [Bool]
        /// The lowest and highest submitted score, by criterion.
        var ranges: [ClosedRange<Int>?]
        var total: Double?
        var rank: Int?
        /// Each condition's outcome for this response.
        var conditions: [Conditions.Outcome] = []

        var complete: Bool { values.allSatisfy { $0 != nil } }
        /// Left out of the ranking for a condition it fails.
        var excluded: Bool { Conditions.excluded(conditions) }
        var ranked: Bool { complete && !excluded }
    }

    var criteria: Criteria
    /// By rank, then name; those without a rank last.
    var rows: [Row]
    /// Evaluators who have not submitted.
    var waiting: [String]
    /// Response × criterion pairs without an agreed score.
    var unagreed: Int
    /// What the results were read from: the responses that count, each with the submission
    /// read, and the questionnaire's versions by number (the market's summary reads them too).
    var responses: [SubmittedAnswers.Row] = []
    var questionnaires: [Int: QuestionnaireContent] = [:]

    var final: Bool { waiting.isEmpty && unagreed == 0 }

    /// Read through `sql`: on SQLite a request's `req.sql`, each statement and its rows read in
    /// one hop (Fluent's connections hand a row at a time back to the event loop).
    static func load(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> Results? {
        guard let criteria = try await Criteria.of(exerciseID, on: sql) else { return nil }
        let list = criteria.criteria   // decoded once, not once a row
        // The reads don't depend on one another: the database runs them together while this
        // task decodes each as it comes (on SQLite, on connections and threads of their own).
        // The responses that count (as `Panel.respondents` counts them), each with the submission read.
        async let responsesRead = SubmittedAnswers.counting(exerciseID, on: sql)
        async let tallyRead = Scoring.tally(exercise: exerciseID, criteria: list.map(\.number), on: sql)
        async let agreedRead = ModerationSheet.agreedScores(exerciseID, on: sql)
        async let questionnairesRead = SubmittedAnswers.versions(exerciseID, on: sql)
        let responses = try await responsesRead, questionnaires = try await questionnairesRead
        let conditions = try await Conditions.outcomes(exerciseID, responses: { responses }, versions: questionnaires, on: sql)
        let tally = try await tallyRead, agreed = try await agreedRead
        var rows: [Row] = []
        rows.reserveCapacity(responses.count)
        var unagreed = 0
        for o in responses {
            var row = Row(organisation: o.organisation, name: o.name, values: [], agreed: [], ranges: [], conditions: conditions[o.organisation] ?? [])
            row.values.reserveCapacity(list.count); row.agreed.reserveCapacity(list.count); row.ranges.reserveCapacity(list.count)
            let consensusScores = agreed[o.organisation], scored = tally.rows[o.organisation]
            for (column, c) in list.enumerated() {
                let submitted = scored.flatMap { tally.summary(row: $0, column: column) }
                let consensus = consensusScores?[c.number]
                if consensus == nil { unagreed += 1 }
                row.values.append(consensus.map { Double($0) } ?? submitted?.mean)
                row.agreed.append(consensus != nil)
                row.ranges.append(submitted?.range)
            }
            rows.append(row)
        }
        var results = Results(criteria: criteria, rows: rows, waiting: tally.evaluators.filter { $0.submittedAt == nil }.map(\.name), unagreed: unagreed,
                              responses: responses, questionnaires: questionnaires)
        let ranked = results.ranking(list.map(\.weight))
        for i in results.rows.indices { (results.rows[i].total, results.rows[i].rank) = ranked[i] }
        results.rows.sort { ($0.rank ?? .max, $0.name) < ($1.rank ?? .max, $1.name) }
        return results
    }

    static let best = Double(Criteria.scores.upperBound)

    /// Totals (percent of the best possible) and competition ranks under `weights`, for each row
    /// in order; a row without a score on every criterion has neither, and a row left out for a
    /// condition has its total but no rank.
    func ranking(_ weights: [Double]) -> [(total: Double?, rank: Int?)] {
        guard let w = try? WeightedScoring.normalised(weights) else { return rows.map { _ in (nil, nil) } }
        let complete = rows.indices.filter { rows[$0].complete }
        guard !complete.isEmpty, let values = try? Normalisation.scale(worst: 0, best: Self.best).apply(to: Matrix(complete.map { rows[$0].values.map { $0! } }))
        else { return rows.map { _ in (nil, nil) } }
        let totals = WeightedScoring.totals(values: values, weights: w).map { $0 * 100 }
        let ranked = complete.indices.filter { !rows[complete[$0]].excluded }
        let ranks = WeightedScoring.ranks(of: ranked.map { totals[$0] })
        var out = rows.map { _ -> (total: Double?, rank: Int?) in (nil, nil) }
        for (k, i) in complete.enumerated() { out[i].total = totals[k] }
        for (r, k) in ranked.enumerated() { out[complete[k]].rank = ranks[r] }
        return out
    }
}
