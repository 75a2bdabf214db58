import Fluent
import FluentSQL
import NIOConcurrencyHelpers
import Vapor

/// `/api/v1/exercises`: the published notices as JSON, as the public pages show them; an
/// officer's token also reads drafts.
struct ExercisesAPI {
    typealias Op = APIOperation
    static let tag = "Engagement"

    var endpoints: [Endpoint] {
        [
            Endpoint(.GET, .apiExercises, .anyone, .api(Op("listExercises", "List market engagement exercises (drafts only for officers)", tag: Self.tag,
                                                           success: .ok(Schema.array(of: "Exercise")))), list),
            Endpoint(.GET, .apiExercise(.key), .anyone, .api(Op("getExercise", "One exercise and its notice (a draft only for officers)", tag: Self.tag,
                                                               success: .ok(Schema.ref("Exercise")))), one),
            Endpoint(.GET, .apiQuestionnaire(.key), .anyone, .api(Op("getQuestionnaire", "The questionnaire respondents answer now: its latest published version", tag: Self.tag,
                                                                   success: .ok(Schema.ref("Questionnaire")))), questionnaire),
            Endpoint(.GET, .apiClarifications(.key), .anyone, .api(Op("listClarifications", "The clarification questions answered publicly, without who asked", tag: Self.tag,
                                                                     success: .ok(Schema.array(of: "Clarification")))), clarifications),
            Endpoint(.GET, .apiResponses(.key), Sealing.opened, .api(Op("listResponses", "The submissions that count, once two officers have opened the responses (403 while sealed)", tag: Self.tag,
                                                                        success: .ok(Schema.array(of: "SubmittedResponse")))), responses),
            Endpoint(.GET, .apiExerciseOCDS(.key), .anyone, .api(Op("getExerciseOCDS", "The exercise's notice as an OCDS 1.1.5 release package (UK2), one release per published change", tag: Self.tag,
                                                                   success: .ok(Schema.ref("OCDSReleasePackage")))), OCDSExport.respond),
        ]
    }

    static let stages: JSON = ["type": "string", "enum": .array(["draft", "open", "closed", "opened", "concluded", "cancelled"].map(JSON.string))]
    static let day: JSON = ["type": "string", "format": "date"]

    static let answers: JSON = [
        "type": "object", "description": "Answers by question id: text, a list of the choices made, or a file (named by the SHA-256 of its bytes).",
        "additionalProperties": ["oneOf": [
            ["type": "string"], ["type": "array", "items": ["type": "string"]],
            Schema.record([("sha256", ["type": "string", "pattern": "^[0-9a-f]{64}$"]), ("name", Schema.string), ("size", Schema.integer), ("type", Schema.string)]),
        ]],
    ]

    static let schemas: [(String, JSON)] = [
        ("Questionnaire", Schema.record([
            ("exercise", Schema.uuid), ("version", Schema.integer), ("publishedAt", Schema.dateTime),
            ("sections", ["type": "array", "items": Schema.record([
                ("id", Schema.uuid), ("title", Schema.string), ("intro", Schema.string),
                ("questions", ["type": "array", "items": Schema.record([
                    ("id", Schema.uuid), ("kind", ["type": "string", "enum": .array(QuestionnaireContent.Question.Kind.allCases.map { .string($0.rawValue) })]),
                    ("text", Schema.string), ("guidance", Schema.string), ("required", ["type": "boolean"]), ("wordLimit", Schema.integer),
                    ("options", ["type": "array", "items": Schema.string]), ("minimum", Schema.string), ("maximum", Schema.string),
                    ("objectives", ["type": "array", "items": ["type": "integer", "minimum": 1]]),
                    ("condition", ["type": "boolean", "description": "Present and true for a condition every acceptable proposal must meet."]),
                    ("summary", ["type": "string", "enum": .array(QuestionnaireContent.Question.SummaryRole.allCases.map { .string($0.rawValue) }),
                                 "description": "What the answer gives in the summary of what the market said, if anything."]),
                ], optional: ["wordLimit", "minimum", "maximum", "condition", "summary"])]),
            ])]),
        ])),
        ("Clarification", Schema.record([("question", Schema.string), ("answer", Schema.string), ("answeredAt", Schema.dateTime)])),
        ("SubmittedResponse", Schema.record([
            ("organisation", Schema.record([("id", Schema.uuid), ("name", Schema.string), ("companiesNumber", Schema.string), ("sme", ["type": "boolean"]), ("vcse", ["type": "boolean"])],
                                           optional: ["companiesNumber"])),
            ("receipt", Schema.string), ("submittedAt", Schema.dateTime), ("questionnaireVersion", Schema.integer),
            ("sha256", ["type": "string", "pattern": "^[0-9a-f]{64}$"]), ("answers", answers),
        ])),
        ("OCDSReleasePackage", [
            "type": "object",
            "description": "An OCDS 1.1.5 release package with the Cabinet Office UK extension: see https://standard.open-contracting.org/1.1/en/schema/release_package/",
            "required": ["uri", "version", "extensions", "publishedDate", "publisher", "releases"],
            "properties": [
                "uri": ["type": "string", "format": "uri"], "version": ["type": "string", "enum": ["1.1"]],
                "extensions": ["type": "array", "items": ["type": "string", "format": "uri"]],
                "publishedDate": Schema.dateTime, "publisher": ["type": "object"],
                "releases": ["type": "array", "minItems": 1, "items": ["type": "object", "required": ["ocid", "id", "date", "tag"]]],
            ],
        ]),
        ("Exercise", Schema.record([
            ("id", Schema.uuid), ("version", Schema.integer), ("reference", Schema.string), ("title", Schema.string),
            ("stage", stages), ("advert", Schema.string), ("engagement", Schema.string), ("disclaimer", Schema.string),
            ("contact", Schema.string),
            ("lots", ["type": "array", "items": Schema.record([
                ("area", Schema.string),
                ("services", ["type": "array", "items": Schema.record([
                    ("id", Schema.uuid), ("name", Schema.string), ("cpv", ["type": "array", "items": ["type": "string", "pattern": "^[0-9]{8}-[0-9]$"]]),
                ])]),
            ])]),
            ("benefits", ["type": "array", "items": Schema.record([
                ("text", Schema.string), ("objectives", ["type": "array", "items": ["type": "integer", "minimum": 1]]),
            ])]),
            ("publishedAt", Schema.dateTime), ("clarificationDeadline", Schema.dateTime), ("responseDeadline", Schema.dateTime),
            ("evaluationFrom", day), ("evaluationTo", day), ("interviewFrom", day), ("interviewTo", day), ("decisionOn", day),
            ("cancelledReason", Schema.string),
            ("extensions", ["type": "array", "items": Schema.record([
                ("madeAt", Schema.dateTime), ("from", Schema.dateTime), ("to", Schema.dateTime), ("reason", Schema.string),
            ])]),
        ], optional: ["publishedAt", "clarificationDeadline", "responseDeadline", "evaluationFrom", "evaluationTo", "interviewFrom",
                      "interviewTo", "decisionOn", "cancelledReason"])),
    ]

    struct ExerciseDTO: Content {
        struct Lot: Content { var area: String; var services: [LotService] }
        struct LotService: Content { var id: UUID; var name: String; var cpv: [String] }
        struct Benefit: Content { var text: String; var objectives: [Int] }
        struct Extension: Content { var madeAt: Date; var from: Date; var to: Date; var reason: String }
        var id: UUID; var version: Int; var reference: String; var title: String; var stage: String
        var advert: String; var engagement: String; var disclaimer: String; var contact: String
        var lots: [Lot]; var benefits: [Benefit]
        var publishedAt: Date?; var clarificationDeadline: Date?; var responseDeadline: Date?
        var evaluationFrom: String?; var evaluationTo: String?; var interviewFrom: String?; var interviewTo: String?; var decisionOn: String?
        var cancelledReason: String?
        var extensions: [Extension]
    }

    static func dto(_ x: ExercisePages.Shown) -> ExerciseDTO {
        let n = x.notice
        return ExerciseDTO(
            id: x.id, version: x.version, reference: n.reference, title: n.title, stage: x.stage.rawValue, advert: n.advert,
            engagement: n.engagement, disclaimer: n.disclaimer, contact: n.contact,
            lots: n.lots.map { .init(area: $0.area, services: $0.services.map { .init(id: $0.id, name: $0.name, cpv: $0.cpv) }) },
            benefits: n.benefits.map { .init(text: $0.text, objectives: $0.objectives) },
            publishedAt: n.publishedAt, clarificationDeadline: n.clarificationDeadline, responseDeadline: n.responseDeadline,
            evaluationFrom: n.evaluationFrom, evaluationTo: n.evaluationTo, interviewFrom: n.interviewFrom, interviewTo: n.interviewTo,
            decisionOn: n.decisionOn, cancelledReason: n.cancelledReason,
            extensions: x.extensions.map { .init(madeAt: $0.at, from: $0.from, to: $0.to, reason: $0.reason) })
    }

    @Sendable func list(req: Request) async throws -> [ExerciseDTO] {
        var query = Exercise.query(on: req.db)
        if req.user?.role != .officer { query = query.filter(\.$status != .draft) }
        var out: [ExerciseDTO] = []
        for e in try await query.sort(\.$reference).all() { out.append(Self.dto(try await ExercisesController.shown(e, on: req))) }
        return out
    }

    struct QuestionnaireDTO: Content {
        var exercise: UUID; var version: Int; var publishedAt: Date; var sections: [QuestionnaireContent.Section]
    }
    struct ClarificationDTO: Content { var question: String; var answer: String; var answeredAt: Date }
    struct SubmittedResponseDTO: Content {
        struct Organisation: Content { var id: UUID; var name: String; var companiesNumber: String?; var sme: Bool; var vcse: Bool }
        var organisation: Organisation; var receipt: String; var submittedAt: Date; var questionnaireVersion: Int; var sha256: String
        var answers: [String: Answer]
    }

    /// A published exercise, or (for an officer) any.
    private func published(_ req: Request) async throws -> Exercise {
        guard let e = try await req.sql.select().column("*").from(Exercise.schema).where("id", .equal, try req.uuid()).first(decodingFluent: Exercise.self),
              e.status != .draft || req.user?.role == .officer else {
            throw Abort(.notFound, reason: "No exercise has that id.")
        }
        return e
    }

    /// Every respondent reads it, and a published version never changes: each version's JSON is
    /// encoded once per process, and the exercise's status and its latest version's id are one
    /// small statement.
    @Sendable func questionnaire(req: Request) async throws -> Response {
        let exerciseID = try req.uuid()
        let sql = try req.sql
        guard let row = try await sql.raw("""
                SELECT e.status, \(QuestionnaireVersion.latestIDOfExerciseE) AS latest_version
                FROM \(ident: Exercise.schema) e WHERE e.id = \(bind: exerciseID)
                """).first(),
              try row.decode(column: "status", as: Exercise.Status.self) != .draft || req.user?.role == .officer
        else { throw Abort(.notFound, reason: "No exercise has that id.") }
        guard let versionID = try row.decode(column: "latest_version", as: UUID?.self), let v = try await QuestionnaireVersion.cached(versionID, sql: sql), let id = v.id else {
            throw Abort(.notFound, reason: "No questionnaire is published for this exercise yet.")
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let body = Self.encoded.withLockedValue({ $0[id] }) { return Response(status: .ok, headers: headers, body: .init(buffer: body)) }
        var body = ByteBuffer()
        try ContentConfiguration.global.requireEncoder(for: .json)
            .encode(QuestionnaireDTO(exercise: exerciseID, version: v.number, publishedAt: v.publishedAt, sections: v.content.sections), to: &body, headers: &headers)
        Self.encoded.withLockedValue { cache in
            if cache.count >= 256 { cache.removeAll() }
            cache[id] = body
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    private static let encoded = NIOLockedValueBox<[UUID: ByteBuffer]>([:])

    @Sendable func clarifications(req: Request) async throws -> [ClarificationDTO] {
        let e = try await published(req)
        return try await Clarification.query(on: req.db).filter(\.$exercise.$id == e.id!).filter(\.$visibility == .published).sort(\.$answeredAt).all()
            .map { ClarificationDTO(question: $0.question, answer: $0.answer ?? "", answeredAt: $0.answeredAt ?? $0.askedAt) }
    }

    /// Sealed: the permission lets this run only once the responses are opened.
    @Sendable func responses(req: Request) async throws -> [SubmittedResponseDTO] {
        let id = try req.uuid()
        var out: [SubmittedResponseDTO] = []
        for r in try await EngagementResponse.query(on: req.db).filter(\.$exercise.$id == id).filter(\.$status == .submitted).with(\.$organisation).sort(\.$number).all() {
            guard let s = try await Submission.query(on: req.db).filter(\.$response.$id == r.id!).filter(\.$withdrawnAt == nil).sort(\.$number, .descending).first() else { continue }
            let o = r.organisation
            out.append(SubmittedResponseDTO(
                organisation: .init(id: o.id!, name: o.name, companiesNumber: o.companiesNumber, sme: o.isSME, vcse: o.isVCSE),
                receipt: s.receiptNumber, submittedAt: s.submittedAt, questionnaireVersion: s.questionnaireVersion, sha256: s.sha256,
                answers: Dictionary(uniqueKeysWithValues: ResponsePages.answers(in: s.document).map { ($0.key.lowercasedString, $0.value) })))
        }
        return out
    }

    @Sendable func one(req: Request) async throws -> ExerciseDTO {
        guard let e = try await Exercise.find(try req.uuid(), on: req.db), e.status != .draft || req.user?.role == .officer else {
            throw Abort(.notFound, reason: "No exercise has that id.")
        }
        return Self.dto(try await ExercisesController.shown(e, on: req))
    }
}
