import Fluent
import Foundation
import NIOConcurrencyHelpers
import FluentSQL
import SQLKit

/// What an exercise asks: sections of questions. Officers edit a working copy; publishing it
/// makes a numbered version, which is what respondents answer. A response submitted against
/// one version stays valid against it when a later version is published.
struct QuestionnaireContent: Codable, Sendable, Equatable {
    var sections: [Section] = []

    struct Section: Codable, Sendable, Equatable {
        var id: UUID
        var title: String
        var intro: String
        var questions: [Question]
    }

    struct Question: Codable, Sendable, Equatable {
        enum Kind: String, Codable, Sendable, CaseIterable {
            case shortText = "short-text", longText = "long-text", singleChoice = "single-choice", multipleChoice = "multiple-choice"
            case yesNo = "yes-no", number, date, file

            var label: String {
                switch self {
                case .shortText: "Short text"
                case .longText: "Long text, with a word limit"
                case .singleChoice: "One choice from a list"
                case .multipleChoice: "Any choices from a list"
                case .yesNo: "Yes or no"
                case .number: "A number, within bounds"
                case .date: "A date"
                case .file: "A file (PDF, Word, Excel, OpenDocument, text or CSV)"
                }
            }
        }

        var id: UUID
        var kind: Kind
        var text: String
        var guidance: String
        var required: Bool
        var wordLimit: Int?
        var options: [String]
        /// Bounds of a number question, as decimal text.
        var minimum: String?
        var maximum: String?
        /// The objectives (by number, I–VIII) whose evidence the answer gives; evaluation scores by these.
        var objectives: [Int]
        /// True for a condition every acceptable proposal must meet (staff employed on no less
        /// favourable terms); absent otherwise, so that versions published before it are unchanged.
        var condition: Bool? = nil
        /// What the answer gives in the summary of what the market said (absent for most questions).
        var summary: SummaryRole? = nil

        var isCondition: Bool { condition == true }

        /// The parts of the summary of what the market said a question's answer can give (seed
        /// 001: investment, improvement and local jobs "would need to be quantified").
        enum SummaryRole: String, Codable, Sendable, CaseIterable {
            case lots, model, investment, improvement, jobs

            var label: String {
                switch self {
                case .lots: "The lots or service areas it covers (a choice question: its choices are the lots)"
                case .model: "The partnership model proposed"
                case .investment: "The investment offered, in pounds (a number question)"
                case .improvement: "The service improvement offered"
                case .jobs: "The local jobs offered (a number question)"
                }
            }
        }
    }

    var questions: [Question] { sections.flatMap(\.questions) }

    func question(_ id: UUID) -> Question? { questions.first { $0.id == id } }

    static func decode(_ json: String) -> QuestionnaireContent {
        (try? JSONDecoder().decode(QuestionnaireContent.self, from: Data(json.utf8))) ?? QuestionnaireContent()
    }

    var json: String { sortedJSONText(self) }

    /// What changed from `old` to this, in words a respondent reads: questions added, removed,
    /// reworded or otherwise changed, and sections added or removed.
    func changes(from old: QuestionnaireContent) -> [String] {
        var out: [String] = []
        let before = Dictionary(old.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for q in questions {
            guard let was = before[q.id] else { out.append("New question: \(q.text)"); continue }
            if was.text != q.text { out.append("Reworded: \(was.text) → \(q.text)") }
            else if was != q { out.append("Changed: \(q.text)") }
        }
        for q in old.questions where after[q.id] == nil { out.append("Removed: \(q.text)") }
        let oldSections = Set(old.sections.map(\.id)), newSections = Set(sections.map(\.id))
        for s in sections where !oldSections.contains(s.id) && s.questions.isEmpty { out.append("New section: \(s.title)") }
        for s in old.sections where !newSections.contains(s.id) && s.questions.isEmpty { out.append("Removed section: \(s.title)") }
        return out
    }
}

/// An exercise's questionnaire: the working copy officers edit, and the number of the latest
/// version published from it (0 before the first).
final class Questionnaire: Model, @unchecked Sendable {
    static let schema = "questionnaires"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Field(key: "content") var contentJSON: String
    @Field(key: "published_version") var publishedVersion: Int

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $contentJSON, $publishedVersion] }

    init() {
        version = 1
        contentJSON = QuestionnaireContent().json
        publishedVersion = 0
    }

    var content: QuestionnaireContent {
        get { QuestionnaireContent.decode(contentJSON) }
        set { contentJSON = newValue.json }
    }
}

extension Questionnaire: Versioned {
    var auditFields: [String: String] { ["exercise": $exercise.id.lowercasedString, "content": contentJSON, "published version": String(publishedVersion)] }
    var currentInput: [String: InputValue] { [:] }
}

/// One published version of a questionnaire, as respondents saw it.
final class QuestionnaireVersion: Model, @unchecked Sendable {
    static let schema = "questionnaire_versions"

    @ID var id: UUID?
    @Parent(key: "exercise_id") var exercise: Exercise
    @Field(key: "number") var number: Int
    @Field(key: "content") var contentJSON: String
    @Field(key: "published_at") var publishedAt: Date
    /// What changed from the version before, one change a line.
    @Field(key: "changes") var changes: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $exercise, $number, $contentJSON, $publishedAt, $changes] }

    init() {}

    /// A version never changes once written, so its content is decoded once per process (the
    /// deadline rush reads it for every submission).
    var content: QuestionnaireContent {
        guard let id else { return QuestionnaireContent.decode(contentJSON) }
        if let cached = Self.decoded.withLockedValue({ $0[id] }) { return cached }
        let content = QuestionnaireContent.decode(contentJSON)
        Self.decoded.withLockedValue { cache in
            if cache.count >= 256 { cache.removeAll() }
            cache[id] = content
        }
        return content
    }

    private static let decoded = NIOLockedValueBox<[UUID: QuestionnaireContent]>([:])

    /// The id of the latest published version of the exercise a statement reads as `e`, as a
    /// column of that statement: a respondent's every request reads it beside the exercise.
    static let latestIDOfExerciseE: SQLQueryString = "(SELECT v.id FROM \(ident: schema) v WHERE v.exercise_id = e.id ORDER BY v.number DESC LIMIT 1)"

    /// The version with this id, read once per process: a published version is never changed, and
    /// every respondent's request reads the latest one. Callers must not change what it returns.
    static func cached(_ id: UUID, sql: any SQLDatabase) async throws -> QuestionnaireVersion? {
        if let version = versions.withLockedValue({ $0[id] }) { return version }
        guard let version = try await sql.select().column("*").from(schema).where("id", .equal, id).first(decodingFluent: QuestionnaireVersion.self) else { return nil }
        versions.withLockedValue { cache in
            if cache.count >= 256 { cache.removeAll() }
            cache[id] = version
        }
        return version
    }

    private static let versions = NIOLockedValueBox<[UUID: QuestionnaireVersion]>([:])
}

extension QuestionnaireVersion: Auditable {
    var auditFields: [String: String] { ["exercise": $exercise.id.lowercasedString, "number": String(number), "content": contentJSON, "changes": changes] }
}

struct CreateQuestionnaires: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Questionnaire.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("content", .string, .required)
            .field("published_version", .int, .required)
            .unique(on: "exercise_id")
            .create()
        try await database.schema(QuestionnaireVersion.schema)
            .id()
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("number", .int, .required)
            .field("content", .string, .required)
            .field("published_at", .datetime, .required)
            .field("changes", .string, .required)
            .unique(on: "exercise_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(QuestionnaireVersion.schema).delete()
        try await database.schema(Questionnaire.schema).delete()
    }
}
