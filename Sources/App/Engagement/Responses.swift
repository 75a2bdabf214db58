import Fluent
import Foundation
import SQLKit
import Vapor

/// An organisation's response to an exercise: one per organisation, written by its users
/// together, section by section. Its submitted versions (`Submission`) are kept; the latest one
/// not withdrawn is the one that counts. Sealed: until the responses are opened, nobody at the
/// council reads an answer (see `Sealing`).
final class EngagementResponse: Model, @unchecked Sendable {
    static let schema = "responses"

    enum Status: String, Codable, Sendable { case draft, submitted, withdrawn }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    /// 1, 2, 3… within the exercise, in the order organisations started: in receipt numbers.
    @Field(key: "number") var number: Int
    @Field(key: "status") var status: Status
    @Field(key: "created_at") var createdAt: Date
    /// How many times it has been submitted (the number of the latest submission).
    @Field(key: "submissions") var submissions: Int

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $organisation, $number, $status, $createdAt, $submissions] }

    init() {}
}

extension EngagementResponse: Versioned {
    // Never an answer: the audit trail is read by administrators while responses are sealed.
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "organisation": $organisation.id.lowercasedString, "number": String(number),
         "status": status.rawValue, "submissions": String(submissions)]
    }
    var currentInput: [String: InputValue] { [:] }
}

/// One section's answers in a response, with a version of its own, so that two colleagues
/// saving the same section are told, and two saving different sections are not.
final class ResponseSection: Model, @unchecked Sendable {
    static let schema = "response_sections"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "response_id") var response: EngagementResponse
    @Field(key: "section_id") var sectionID: UUID
    @Field(key: "answers") var answersJSON: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $response, $sectionID, $answersJSON, $updatedAt, $updatedBy] }

    init() {}

    var answers: [UUID: Answer] {
        get {
            let raw = (try? JSONDecoder().decode([String: Answer].self, from: Data(answersJSON.utf8))) ?? [:]
            return Dictionary(uniqueKeysWithValues: raw.compactMap { k, v in UUID(uuidString: k).map { ($0, v) } })
        }
        set { answersJSON = Self.text(of: newValue) }
    }

    /// Answers as stored: JSON by question id, keys sorted; written as canonical JSON (a
    /// submission stores every section, and `JSONEncoder` was 3% of a deadline rush).
    static func text(of answers: [UUID: Answer]) -> String {
        CanonicalJSON.encode(.object(answers.map { ($0.key.lowercasedString, $0.value.json) }))
    }
}

extension ResponseSection: Auditable {
    var auditFields: [String: String] { ["response": $response.id.lowercasedString, "section": sectionID.lowercasedString, "version": String(version)] }
}

/// A submitted version of a response: the canonical document, its SHA-256 (the receipt), when
/// the database's clock said it was submitted, and the one-time key it was sent with.
final class Submission: Model, @unchecked Sendable {
    static let schema = "submissions"

    @ID var id: UUID?
    @Parent(key: "response_id") var response: EngagementResponse
    @Field(key: "number") var number: Int
    @Field(key: "questionnaire_version") var questionnaireVersion: Int
    @Field(key: "submitted_at") var submittedAt: Date
    @Field(key: "submitted_by") var submittedBy: UUID
    /// The canonical JSON (RFC 8785) of what was submitted: the receipt's hash is over it.
    @Field(key: "document") var document: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "receipt_number") var receiptNumber: String
    @Field(key: "idempotency_key") var idempotencyKey: String
    /// What the API request it was made by asked (`ResponseWrites.fingerprint`; none for a page's
    /// form): the same key sent with other answers is refused.
    @OptionalField(key: "request_sha256") var requestFingerprint: String?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] {
        [
            $id, $response, $number, $questionnaireVersion, $submittedAt, $submittedBy, $document, $sha256, $receiptNumber, $idempotencyKey,
            $requestFingerprint, $withdrawnAt
        ]
    }

    init() {}
}

/// Each API submission remembers the body it was sent with.
struct AddSubmissionFingerprints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Submission.schema).field("request_sha256", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Submission.schema).deleteField("request_sha256").update()
    }
}

extension Submission: Auditable {
    var auditFields: [String: String] {
        ["response": $response.id.lowercasedString, "number": String(number), "receipt": receiptNumber, "sha256": sha256,
         "questionnaire version": String(questionnaireVersion), "withdrawn": withdrawnAt == nil ? "no" : "yes"]
    }
}

/// An officer's confirmation that the responses may be opened; two different officers open them.
final class Opening: Model, @unchecked Sendable {
    static let schema = "openings"

    @ID var id: UUID?
    @Parent(key: "exercise_id") var exercise: Exercise
    @Field(key: "officer_id") var officerID: UUID
    @Field(key: "officer_name") var officerName: String
    @Field(key: "confirmed_at") var confirmedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $exercise, $officerID, $officerName, $confirmedAt] }

    init() {}
}

extension Opening: Auditable {
    var auditFields: [String: String] { ["exercise": $exercise.id.lowercasedString, "officer": officerName] }
}

struct CreateResponses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EngagementResponse.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("submissions", .int, .required)
            .unique(on: "exercise_id", "organisation_id")
            .unique(on: "exercise_id", "number")
            .create()
        try await database.schema(ResponseSection.schema)
            .id()
            .field("version", .int, .required)
            .field("response_id", .uuid, .required, .references(EngagementResponse.schema, "id"))
            .field("section_id", .uuid, .required)
            .field("answers", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "response_id", "section_id")
            .create()
        try await database.schema(Submission.schema)
            .id()
            .field("response_id", .uuid, .required, .references(EngagementResponse.schema, "id"))
            .field("number", .int, .required)
            .field("questionnaire_version", .int, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_by", .uuid, .required)
            .field("document", .string, .required)
            .field("sha256", .string, .required)
            .field("receipt_number", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("withdrawn_at", .datetime)
            .unique(on: "response_id", "number")
            .unique(on: "response_id", "idempotency_key")
            .unique(on: "receipt_number")
            .create()
        try await database.schema(Opening.schema)
            .id()
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("officer_id", .uuid, .required)
            .field("officer_name", .string, .required)
            .field("confirmed_at", .datetime, .required)
            .unique(on: "exercise_id", "officer_id")
            .create()
        try await database.schema(Exercise.schema).field("opened_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Exercise.schema).deleteField("opened_at").update()
        for schema in [Opening.schema, Submission.schema, ResponseSection.schema, EngagementResponse.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// Whether a submission is on time is decided by one clock: the database's, read in the
/// submitting transaction, so that several instances with drifting clocks agree. Tests stand
/// the server's clock where they need it, and then that clock decides.
enum DatabaseTime {
    static func now(_ app: Application, on tx: any Database) async throws -> Date {
        guard app.clock is SystemClock else { return app.clock.now() }
        let row = try await tx.sql.raw("SELECT \(expression(app)) AS now").first()
        return Date(timeIntervalSince1970: try row?.decode(column: "now", as: Double.self) ?? Date().timeIntervalSince1970)
    }

    /// Seconds since 1970 as a SQL expression, for a statement that reads the time with other
    /// things: the database's clock, or the one the tests stand.
    static func expression(_ app: Application) -> SQLQueryString {
        guard app.clock is SystemClock else { return "\(bind: app.clock.now().timeIntervalSince1970)" }
        return app.settings.database.isSQLite ? "CAST((julianday('now') - 2440587.5) * 86400.0 AS REAL)" : "EXTRACT(EPOCH FROM clock_timestamp())::float8"
    }
}
