import Decision
import Fluent
import Vapor

/// The questions every service is assessed against (seeds 001 and 002: the MBS service
/// evaluation framework and the council's own questionnaire), each feeding one axis of the
/// two-by-two: how important the service is to the council, and how ready it is for partnership.
/// One row for the council, its questions as JSON, changed as one audited edit.
final class AssessmentFramework: Model, @unchecked Sendable {
    static let schema = "assessment_frameworks"

    enum Axis: String, Codable, Sendable, CaseIterable {
        case importance, readiness
        var label: String { self == .importance ? "Importance to the council" : "Readiness for partnership" }
    }

    struct Question: Codable, Sendable, Equatable {
        var key: String
        var text: String
        var axis: Axis
    }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "questions") var questionsJSON: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $questionsJSON] }

    init() { version = 1; questionsJSON = "[]" }

    var questions: [Question] {
        get { (try? JSONDecoder().decode([Question].self, from: Data(questionsJSON.utf8))) ?? [] }
        set { questionsJSON = sortedJSONText(newValue, orEmpty: "[]") }
    }
}

extension AssessmentFramework: Versioned {
    var auditFields: [String: String] { ["questions": questionsJSON] }
    var currentInput: [String: InputValue] {
        var out: [String: InputValue] = [:]
        for (i, q) in questions.enumerated() {
            out["key-\(i + 1)"] = .text(q.key); out["text-\(i + 1)"] = .text(q.text); out["axis-\(i + 1)"] = .text(q.axis.rawValue)
        }
        return out
    }
}

/// One service's assessment: its SWOT (one point a line) and its answers to the framework's
/// questions, each a score from 1 (low) to 5 (high) with a note.
final class ServiceAssessment: Model, @unchecked Sendable {
    static let schema = "service_assessments"

    struct Answer: Codable, Sendable, Equatable {
        var score: Int
        var note: String
    }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "service_id") var service: Service
    @Field(key: "strengths") var strengths: String
    @Field(key: "weaknesses") var weaknesses: String
    @Field(key: "opportunities") var opportunities: String
    @Field(key: "threats") var threats: String
    /// By question key, as JSON.
    @Field(key: "answers") var answersJSON: String
    @Field(key: "assessed_at") var assessedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $service, $strengths, $weaknesses, $opportunities, $threats, $answersJSON, $assessedAt] }

    init() { version = 1; strengths = ""; weaknesses = ""; opportunities = ""; threats = ""; answersJSON = "{}" }

    var answers: [String: Answer] {
        get { (try? JSONDecoder().decode([String: Answer].self, from: Data(answersJSON.utf8))) ?? [:] }
        set { answersJSON = sortedJSONText(newValue, orEmpty: "{}") }
    }
}

extension ServiceAssessment: Versioned {
    var auditFields: [String: String] {
        ["service": $service.id.lowercasedString, "strengths": strengths, "weaknesses": weaknesses, "opportunities": opportunities,
         "threats": threats, "answers": answersJSON]
    }
    var currentInput: [String: InputValue] {
        var out: [String: InputValue] = ["strengths": .text(strengths), "weaknesses": .text(weaknesses), "opportunities": .text(opportunities), "threats": .text(threats)]
        for (key, a) in answers { out["score-\(key)"] = .text(String(a.score)); out["note-\(key)"] = .text(a.note) }
        return out
    }
}

/// Services put together to offer to the market, from their positions; a service is in at most one.
final class ServicePackage: Model, @unchecked Sendable {
    static let schema = "service_packages"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    @Field(key: "rationale") var rationale: String
    /// Service ids, as JSON.
    @Field(key: "services") var servicesJSON: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $name, $rationale, $servicesJSON] }

    init() { version = 1; servicesJSON = "[]" }

    var services: [UUID] {
        get { (try? JSONDecoder().decode([UUID].self, from: Data(servicesJSON.utf8))) ?? [] }
        set { servicesJSON = sortedJSONText(newValue.map(\.lowercasedString).sorted(), orEmpty: "[]") }
    }
}

extension ServicePackage: Versioned {
    var auditFields: [String: String] { ["name": name, "rationale": rationale, "services": servicesJSON] }
    var currentInput: [String: InputValue] {
        var out: [String: InputValue] = ["name": .text(name), "rationale": .text(rationale)]
        for s in services { out["service-\(s.lowercasedString)"] = .text("yes") }
        return out
    }
}

/// One partnership model for a package (improve in-house, outsource, a joint venture company, a
/// strategic service partnership), scored against the council's objectives on the evaluation's
/// 0–5 scale, each score with its reason: the options appraisal.
final class AppraisalOption: Model, @unchecked Sendable {
    static let schema = "appraisal_options"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "package_id") var package: ServicePackage
    @Field(key: "model") var model: String
    @Field(key: "summary") var summary: String
    /// `[ScoreSheet.Mark]` by objective number, as JSON.
    @Field(key: "marks") var marksJSON: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $package, $model, $summary, $marksJSON] }

    init() { version = 1; marksJSON = "[]" }

    var marks: [ScoreSheet.Mark] {
        get { (try? JSONDecoder().decode([ScoreSheet.Mark].self, from: Data(marksJSON.utf8))) ?? [] }
        set { marksJSON = sortedJSONText(newValue.sorted { $0.criterion < $1.criterion }, orEmpty: "[]") }
    }
}

extension AppraisalOption: Versioned {
    var auditFields: [String: String] { ["package": $package.id.lowercasedString, "model": model, "summary": summary, "marks": marksJSON] }
    var currentInput: [String: InputValue] {
        var out: [String: InputValue] = ["model": .text(model), "summary": .text(summary)]
        for m in marks { out["score-\(m.criterion)"] = .text(String(m.score)); out["rationale-\(m.criterion)"] = .text(m.rationale) }
        return out
    }
}

struct CreateAssessment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssessmentFramework.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("questions", .string, .required)
            .create()
        try await database.schema(ServiceAssessment.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("service_id", .uuid, .required, .references(Service.schema, "id"))
            .field("strengths", .string, .required)
            .field("weaknesses", .string, .required)
            .field("opportunities", .string, .required)
            .field("threats", .string, .required)
            .field("answers", .string, .required)
            .field("assessed_at", .datetime, .required)
            .unique(on: "service_id")
            .create()
        try await database.schema(ServicePackage.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("name", .string, .required)
            .field("rationale", .string, .required)
            .field("services", .string, .required)
            .unique(on: "name")
            .create()
        try await database.schema(AppraisalOption.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("package_id", .uuid, .required, .references(ServicePackage.schema, "id"))
            .field("model", .string, .required)
            .field("summary", .string, .required)
            .field("marks", .string, .required)
            .unique(on: "package_id", "model")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AppraisalOption.schema).delete()
        try await database.schema(ServicePackage.schema).delete()
        try await database.schema(ServiceAssessment.schema).delete()
        try await database.schema(AssessmentFramework.schema).delete()
    }
}

/// Positions on the two-by-two, and the options appraisal's totals.
enum Assessment {
    /// Answers run from 1 (low) to 5 (high); 3 is the middle line of the chart.
    static let answerScores = 1...5
    static let middle = 3.0

    struct Position: Sendable, Equatable {
        var importance: Double
        var readiness: Double

        var quadrant: Quadrant {
            switch (importance >= Assessment.middle, readiness >= Assessment.middle) {
            case (true, true): .importantReady
            case (true, false): .importantNotReady
            case (false, true): .lessImportantReady
            case (false, false): .lessImportantNotReady
            }
        }
    }

    enum Quadrant: CaseIterable, Sendable {
        case importantReady, importantNotReady, lessImportantReady, lessImportantNotReady
        var label: String {
            switch self {
            case .importantReady: "Important and ready for partnership"
            case .importantNotReady: "Important, not yet ready for partnership"
            case .lessImportantReady: "Less central, ready for partnership"
            case .lessImportantNotReady: "Less central, not ready for partnership"
            }
        }
    }

    /// The mean of the service's answers on each axis; nil until it has an answer on both.
    static func position(_ answers: [String: ServiceAssessment.Answer], _ questions: [AssessmentFramework.Question]) -> Position? {
        func mean(_ axis: AssessmentFramework.Axis) -> Double? {
            let scores = questions.filter { $0.axis == axis }.compactMap { answers[$0.key]?.score }
            return scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
        }
        guard let i = mean(.importance), let r = mean(.readiness) else { return nil }
        return Position(importance: i, readiness: r)
    }

    /// The options' weighted totals (percent of the best possible, every objective scored 5) and
    /// competition ranks under `weights` (by objective number), as the evaluation ranks responses:
    /// one footing for models and market responses. An option without a score on every weighted
    /// objective has neither.
    static func totals(_ options: [AppraisalOption], weights: [(number: Int, weight: Double)]) -> [(total: Double?, rank: Int?)] {
        let counted = weights.filter { $0.weight > 0 }
        guard let w = try? WeightedScoring.normalised(counted.map(\.weight)) else { return options.map { _ in (nil, nil) } }
        let rows = options.map { o -> [Double]? in
            let byNumber = Dictionary(o.marks.map { ($0.criterion, Double($0.score)) }) { a, _ in a }
            let values = counted.compactMap { byNumber[$0.number] }
            return values.count == counted.count ? values : nil
        }
        let complete = rows.indices.filter { rows[$0] != nil }
        guard !complete.isEmpty,
              let values = try? Normalisation.scale(worst: 0, best: Results.best).apply(to: Matrix(complete.map { rows[$0]! }))
        else { return options.map { _ in (nil, nil) } }
        let totals = WeightedScoring.totals(values: values, weights: w).map { $0 * 100 }
        let ranks = WeightedScoring.ranks(of: totals)
        var out = options.map { _ -> (total: Double?, rank: Int?) in (nil, nil) }
        for (k, i) in complete.enumerated() { out[i] = (totals[k], ranks[k]) }
        return out
    }
}
