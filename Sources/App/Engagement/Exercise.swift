import Fluent
import Foundation
import SQLKit

/// One preliminary market engagement exercise (Procurement Act 2023 s.16): the council's notice
/// inviting organisations to say how a partnership could help, what it covers, what it seeks,
/// and its key dates. Times are stored in UTC; days (windows, the decision) as ISO 8601 text.
///
/// The scope and the benefits sought are small lists that only ever change with the notice,
/// so they are kept in the exercise's own row (as JSON) and audited with it: every change to
/// them is one event, with the whole list before and after.
final class Exercise: Model, @unchecked Sendable {
    static let schema = "exercises"

    /// Where an exercise stands. `closed` is not stored: a published exercise is closed from
    /// the moment its response deadline passes (`Exercise.stage(at:)`).
    enum Status: String, Codable, Sendable, CaseIterable {
        case draft, published, opened, concluded, cancelled
    }

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Field(key: "reference") var reference: String
    @Field(key: "title") var title: String
    @Field(key: "advert") var advert: String
    /// How engagement will be carried out: events, meetings, the questionnaire, periods (reg. 17).
    @Field(key: "engagement") var engagement: String
    @Field(key: "disclaimer") var disclaimer: String
    @Field(key: "contact") var contact: String
    @Field(key: "scope") var scopeJSON: String
    @Field(key: "benefits") var benefitsJSON: String
    @Field(key: "status") var status: Status
    @OptionalField(key: "publish_on") var publishOn: String?
    @OptionalField(key: "clarification_deadline") var clarificationDeadline: Date?
    @OptionalField(key: "response_deadline") var responseDeadline: Date?
    @OptionalField(key: "evaluation_from") var evaluationFrom: String?
    @OptionalField(key: "evaluation_to") var evaluationTo: String?
    @OptionalField(key: "interview_from") var interviewFrom: String?
    @OptionalField(key: "interview_to") var interviewTo: String?
    @OptionalField(key: "decision_on") var decisionOn: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "cancelled_reason") var cancelledReason: String?
    /// When the second officer confirmed the opening of the responses (added by `CreateResponses`).
    @OptionalField(key: "opened_at") var openedAt: Date?
    /// When the 48-hour reminder to drafts went (added by `AddDraftReminders`); it goes once.
    @OptionalField(key: "draft_reminder_sent_at") var draftReminderSentAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] {
        [
            $id, $version, $reference, $title, $advert, $engagement, $disclaimer, $contact, $scopeJSON, $benefitsJSON, $status, $publishOn,
            $clarificationDeadline, $responseDeadline, $evaluationFrom, $evaluationTo, $interviewFrom, $interviewTo, $decisionOn, $publishedAt,
            $cancelledReason, $openedAt, $draftReminderSentAt
        ]
    }

    init() {
        version = 1
        reference = ""
        title = ""
        advert = ""
        engagement = ""
        disclaimer = Exercise.standardDisclaimer
        contact = ""
        scopeJSON = "[]"
        benefitsJSON = "[]"
        status = .draft
    }

    /// Seed 000's wording, which says what the law also asks: engagement is not a procurement.
    static let standardDisclaimer = "This invitation is made without any commitment from the council. It is not in any way part of a selection tendering process and is not a guarantee or an indication of future intentions on the part of the council."

    /// A service in scope, with the CPV codes that classify it in the notice.
    struct ScopeItem: Codable, Sendable, Equatable {
        var service: UUID
        var cpv: [String]
    }

    /// A benefit sought, and the objectives (by number, I–VIII) it serves.
    struct Benefit: Codable, Sendable, Equatable {
        var text: String
        var objectives: [Int]
    }

    var scope: [ScopeItem] {
        get { (try? JSONDecoder().decode([ScopeItem].self, from: Data(scopeJSON.utf8))) ?? [] }
        set { scopeJSON = sortedJSONText(newValue, orEmpty: "[]") }
    }

    var benefits: [Benefit] {
        get { (try? JSONDecoder().decode([Benefit].self, from: Data(benefitsJSON.utf8))) ?? [] }
        set { benefitsJSON = sortedJSONText(newValue, orEmpty: "[]") }
    }

    /// The stage as a respondent sees it at `now`.
    func stage(at now: Date) -> Stage {
        switch status {
        case .draft: .draft
        case .published: if let deadline = responseDeadline, now >= deadline { .closed } else { .open }
        case .opened: .opened
        case .concluded: .concluded
        case .cancelled: .cancelled
        }
    }

    enum Stage: String, Sendable {
        case draft, open, closed, opened, concluded, cancelled

        var label: String {
            switch self {
            case .draft: "Draft"
            case .open: "Open for responses"
            case .closed: "Closed"
            case .opened: "Responses opened"
            case .concluded: "Concluded"
            case .cancelled: "Cancelled"
            }
        }

        /// The tag's colour (nil: the default blue).
        var colour: String? {
            switch self {
            case .draft, .concluded: "grey"
            case .open: "green"
            case .closed, .opened: nil
            case .cancelled: "red"
            }
        }
    }
}

/// A change of the response deadline after publication: it applies to everyone, and says why.
final class DeadlineExtension: Model, @unchecked Sendable {
    static let schema = "deadline_extensions"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Field(key: "previous_deadline") var previousDeadline: Date
    @Field(key: "new_deadline") var newDeadline: Date
    @Field(key: "reason") var reason: String
    @Field(key: "made_at") var madeAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $previousDeadline, $newDeadline, $reason, $madeAt] }

    init() { version = 1 }
    init(exerciseID: UUID, from previous: Date, to new: Date, reason: String, at: Date) {
        version = 1
        $exercise.id = exerciseID
        previousDeadline = previous
        newDeadline = new
        self.reason = reason
        madeAt = at
    }
}

extension DeadlineExtension: Auditable {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "from": LondonTime.iso(previousDeadline), "to": LondonTime.iso(newDeadline), "reason": reason]
    }
}

/// One release of a published notice, as it stood: the first when it was published, one more
/// for every change after (an extension, a changed notice). The OCDS export is made from these,
/// and the public notice lists them, so what was published at each moment can be shown again.
final class NoticeRelease: Model, @unchecked Sendable {
    static let schema = "notice_releases"

    @ID var id: UUID?
    @Parent(key: "exercise_id") var exercise: Exercise
    /// 1 for the notice as first published, then 2, 3, …
    @Field(key: "number") var number: Int
    @Field(key: "released_at") var releasedAt: Date
    /// What changed, in a sentence a respondent can read.
    @Field(key: "summary") var summary: String
    /// The public notice's content at this release, as JSON (`NoticeSnapshot`).
    @Field(key: "snapshot") var snapshot: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $exercise, $number, $releasedAt, $summary, $snapshot] }

    init() {}
}

struct CreateEngagement: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Exercise.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("reference", .string, .required)
            .field("title", .string, .required)
            .field("advert", .string, .required)
            .field("engagement", .string, .required)
            .field("disclaimer", .string, .required)
            .field("contact", .string, .required)
            .field("scope", .string, .required)
            .field("benefits", .string, .required)
            .field("status", .string, .required)
            .field("publish_on", .string)
            .field("clarification_deadline", .datetime)
            .field("response_deadline", .datetime)
            .field("evaluation_from", .string)
            .field("evaluation_to", .string)
            .field("interview_from", .string)
            .field("interview_to", .string)
            .field("decision_on", .string)
            .field("published_at", .datetime)
            .field("cancelled_reason", .string)
            .unique(on: "reference")
            .create()
        try await database.schema(DeadlineExtension.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("previous_deadline", .datetime, .required)
            .field("new_deadline", .datetime, .required)
            .field("reason", .string, .required)
            .field("made_at", .datetime, .required)
            .create()
        try await database.schema(NoticeRelease.schema)
            .id()
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("number", .int, .required)
            .field("released_at", .datetime, .required)
            .field("summary", .string, .required)
            .field("snapshot", .string, .required)
            .unique(on: "exercise_id", "number")
            .create()
        let sql = try database.sql
        try await sql.raw("CREATE INDEX deadline_extensions_exercise ON deadline_extensions (exercise_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NoticeRelease.schema).delete()
        try await database.schema(DeadlineExtension.schema).delete()
        try await database.schema(Exercise.schema).delete()
    }
}
