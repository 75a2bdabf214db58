import Fluent
import FluentSQL
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The moderator's judgement of whether one response meets one condition (a question marked as
/// a condition every acceptable proposal must meet), and, where it does not, why it stays in the
/// ranking (blank: it is left out).
final class ConditionJudgement: Model, @unchecked Sendable {
    static let schema = "condition_judgements"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    @Field(key: "question_id") var questionID: UUID
    @Field(key: "met") var met: Bool
    @Field(key: "keep_reason") var keepReason: String
    @Field(key: "judged_at") var judgedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $organisation, $questionID, $met, $keepReason, $judgedAt] }

    init() { version = 1; keepReason = "" }
}

extension ConditionJudgement: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "organisation": $organisation.id.lowercasedString, "question": questionID.lowercasedString,
         "met": met ? "yes" : "no", "keep reason": keepReason]
    }
    var currentInput: [String: InputValue] { [:] }
}

struct CreateConditionJudgements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ConditionJudgement.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("question_id", .uuid, .required)
            .field("met", .bool, .required)
            .field("keep_reason", .string, .required)
            .field("judged_at", .datetime, .required)
            .unique(on: "exercise_id", "organisation_id", "question_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConditionJudgement.schema).delete()
    }
}

/// Whether each response meets the exercise's conditions. A yes-or-no condition is met by "yes"
/// and failed by "no" or no answer; any other kind waits for the moderator's judgement, which
/// also overrides a yes-or-no one. A response that fails a condition is left out of the ranking
/// unless the moderator recorded why it stays.
enum Conditions {
    enum State: String, Sendable, Codable { case met, failed, unjudged }

    struct Outcome: Sendable {
        var question: QuestionnaireContent.Question
        var answer: Answer?
        var state: State
        /// Why a failed response stays in the ranking ("" if it is left out).
        var kept: String
        var judged: Bool
    }

    /// By organisation: each condition's outcome for its counting response, the conditions being
    /// those of the questionnaire version the response answered.
    static func outcomes(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> [UUID: [Outcome]] {
        let contents = try await SubmittedAnswers.versions(exerciseID, on: sql)
        return try await outcomes(exerciseID, responses: { try await SubmittedAnswers.counting(exerciseID, on: sql) }, versions: contents, on: sql)
    }

    /// The same, for `responses` (`SubmittedAnswers.counting`, read only if a version has a
    /// condition) answering the questionnaire's `versions`.
    static func outcomes(_ exerciseID: UUID, responses: () async throws -> [SubmittedAnswers.Row], versions contents: [Int: QuestionnaireContent],
                         on sql: any SQLDatabase) async throws -> [UUID: [Outcome]] {
        let versions = contents.mapValues { $0.questions.filter(\.isCondition) }
        guard versions.values.contains(where: { !$0.isEmpty }) else { return [:] }
        struct Key: Hashable { var organisation: UUID; var question: UUID }
        let judgements = Dictionary(try await sql.select().column("*").from(ConditionJudgement.schema).where("exercise_id", .equal, exerciseID)
            .all(decodingFluent: ConditionJudgement.self).map { (Key(organisation: $0.$organisation.id, question: $0.questionID), $0) }) { a, _ in a }
        var out: [UUID: [Outcome]] = [:]
        let rows = try await responses()
        let all = try await SubmittedAnswers.answers(rows, versions: contents, on: sql)
        for row in rows {
            let answers = all[row.submission] ?? [:], o = row.organisation
            let questions = versions[row.version] ?? []
            out[o] = questions.map { q in
                let answer = answers[q.id]
                if let j = judgements[Key(organisation: o, question: q.id)] {
                    return Outcome(question: q, answer: answer, state: j.met ? .met : .failed, kept: j.met ? "" : j.keepReason, judged: true)
                }
                let automatic: State = q.kind != .yesNo ? .unjudged : answer == .text("yes") ? .met : .failed
                return Outcome(question: q, answer: answer, state: automatic, kept: "", judged: false)
            }
        }
        return out
    }

    /// Left out of the ranking: a condition failed with no reason recorded for keeping it.
    static func excluded(_ outcomes: [Outcome]) -> Bool { outcomes.contains { $0.state == .failed && $0.kept.isEmpty } }

    static func metField(_ q: UUID) -> String { "met-\(q.lowercasedString)" }
    static func keepField(_ q: UUID) -> String { "keep-\(q.lowercasedString)" }

    /// The moderator's judgements of one response, from the moderation page: for each condition
    /// "yes" (met) or "no" (not met, with an optional reason to keep it in the ranking); a
    /// condition left unanswered keeps whatever stands.
    static func save(exercise id: UUID, organisation: UUID, input: FormInput, on req: Request) async throws {
        let questions = (try await outcomes(id, on: req.sql)[organisation] ?? []).map(\.question)
        var v = Validator(input)
        var judged: [(UUID, Bool, String)] = []
        for q in questions {
            let metName = metField(q.id), keepName = keepField(q.id)
            v.accept(metName)
            let keep = v.text(FieldRule(keepName, "Why it stays in the ranking", .text(max: 2_000), required: false))
            switch TextRules.trimmed(input[metName]) {
            case "yes": judged.append((q.id, true, ""))
            case "no": judged.append((q.id, false, keep))
            case "": if !keep.isEmpty { v.fail(metName, "Say whether the condition is met before giving a reason to keep the response") }
            default: v.fail(metName, "Select whether the condition is met")
            }
        }
        try v.throwIfInvalid()
        let actor = req.actor, now = req.now, moderator = try req.requireUser().id!, judgements = judged
        try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(ConditionJudgement.schema, on: tx)
            guard try await ModerationController.mayModerate(exercise: id, moderator: moderator, on: tx) == .allowed else {
                throw Abort(.conflict, reason: "The exercise or its panel changed while you were moderating; nothing was saved. Open the page again.")
            }
            let stored = try await ConditionJudgement.query(on: tx).filter(\.$exercise.$id == id).filter(\.$organisation.$id == organisation).all()
            for (question, met, keep) in judgements {
                if let j = stored.first(where: { $0.questionID == question }) {
                    guard j.met != met || j.keepReason != keep else { continue }
                    let before = j.auditFields
                    j.met = met; j.keepReason = keep; j.judgedAt = now; j.version += 1
                    try await j.save(on: tx)
                    try await AuditTrail.record("condition.change", j, before: before, by: actor, at: now, on: tx)
                } else {
                    let j = ConditionJudgement()
                    j.$exercise.id = id; j.$organisation.id = organisation; j.questionID = question
                    j.met = met; j.keepReason = keep; j.judgedAt = now
                    try await j.create(on: tx)
                    try await AuditTrail.record("condition.judge", j, before: nil, by: actor, at: now, on: tx)
                }
            }
        }
    }
}

/// What an evaluation page needs of the counting submissions, read narrowly: the organisation,
/// the submission and the questionnaire version it answered; and their answers to the questions
/// that version marks as conditions or for the market summary, decoded once per process (a
/// submitted copy never changes, so every instance may keep its own; only those few answers are kept).
enum SubmittedAnswers {
    struct Row: Sendable { var organisation: UUID; var name: String; var submission: UUID; var version: Int }

    private static let cache = NIOLockedValueBox<[UUID: [UUID: Answer]]>([:])

    /// The latest standing submission of each submitted response, by organisation name.
    static func counting(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> [Row] {
        let rows = try await sql.raw("""
            SELECT s.id AS id, s.number AS number, s.response_id AS response, s.questionnaire_version AS version,
                   r.organisation_id AS organisation, o.name AS name
            FROM submissions s JOIN responses r ON r.id = s.response_id JOIN supplier_organisations o ON o.id = r.organisation_id
            WHERE r.exercise_id = \(bind: exerciseID) AND r.status = 'submitted' AND s.withdrawn_at IS NULL
            """).all()
        var latest: [UUID: (number: Int, row: Row)] = [:]
        for r in rows {
            let response = try r.decodeID("response"), number = try r.decode(column: "number", as: Int.self)
            guard number > latest[response]?.number ?? 0 else { continue }
            latest[response] = (number, Row(organisation: try r.decodeID("organisation"), name: try r.decode(column: "name", as: String.self),
                                            submission: try r.decodeID("id"), version: try r.decode(column: "version", as: Int.self)))
        }
        return latest.values.map(\.row).sorted { $0.name < $1.name }
    }

    /// The exercise's questionnaire versions, by number.
    static func versions(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> [Int: QuestionnaireContent] {
        Dictionary(try await sql.select().column("*").from(QuestionnaireVersion.schema).where("exercise_id", .equal, exerciseID)
            .all(decodingFluent: QuestionnaireVersion.self).map { ($0.number, $0.content) }) { a, _ in a }
    }

    /// Each submission's answers to the questions its version marks (conditions, summary roles),
    /// by question: decoded from its copy the first time, then kept.
    static func answers(_ rows: [Row], versions: [Int: QuestionnaireContent], on sql: any SQLDatabase) async throws -> [UUID: [UUID: Answer]] {
        let submissions = rows.map(\.submission)
        var found = cache.withLockedValue { cache in Dictionary(submissions.compactMap { id in cache[id].map { (id, $0) } }) { a, _ in a } }
        let missing = rows.filter { found[$0.submission] == nil }
        guard !missing.isEmpty else { return found }
        let marked = versions.mapValues { Set($0.questions.filter { $0.isCondition || $0.summary != nil }.map(\.id)) }
        let versionOf = Dictionary(missing.map { ($0.submission, $0.version) }) { a, _ in a }
        var decoded: [UUID: [UUID: Answer]] = [:]
        for start in stride(from: 0, to: missing.count, by: 500) {
            let ids = missing[start ..< min(missing.count, start + 500)].map(\.submission)
            for row in try await sql.select().column("id").column("document").from(Submission.schema)
                .where("id", .in, ids).all() {
                let id = try row.decodeID("id"), keep = marked[versionOf[id] ?? 0] ?? []
                decoded[id] = ResponsePages.answers(in: try row.decode(column: "document", as: String.self)).filter { keep.contains($0.key) }
            }
        }
        cache.withLockedValue { cache in
            if cache.count + decoded.count > 20_000 { cache.removeAll() }
            cache.merge(decoded) { a, _ in a }
        }
        found.merge(decoded) { a, _ in a }
        return found
    }
}
