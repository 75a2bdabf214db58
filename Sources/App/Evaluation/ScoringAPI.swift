import Fluent
import Vapor

/// Criteria, scoring and moderation as JSON, under the same rules as the pages: an evaluator
/// reads and records only their own scores, never for an organisation they declared a conflict
/// with, until they submit; the moderator reads every submitted score and records the agreed ones.
struct ScoringAPI {
    typealias Op = APIOperation
    static let tag = PanelAPI.tag

    static let criterion = FieldRule("criterion", "The objective's number", .integer(1...99),
                                     description: "The objective's number (1 for I, 6 for VI), as in the exercise's criteria.")

    /// An officer, or anyone on the exercise's panel; others are told it is not there.
    static let reading = Permission.roles(.officer, .evaluator, .moderator).and("an officer, or on the exercise's panel") { req in
        guard let id = try? req.uuid(), let user = req.user, try await Exercise.find(id, on: req.db) != nil else { return .notFound }
        if user.role == .officer { return .allowed }
        return try await PanelMember.query(on: req.db).filter(\.$exercise.$id == id).filter(\.$user.$id == user.id!).first() != nil ? .allowed : .notFound
    }

    var endpoints: [Endpoint] {
        [
            Endpoint(.GET, .apiCriteria(.key), Self.reading, .api(Op("getCriteria",
                     "What the exercise's responses are scored against: the objectives and weights frozen when they were opened, and the scale (404 until then)",
                     tag: Self.tag, success: .ok(Schema.ref("Criteria")))), criteria),
            Endpoint(.GET, .apiScores(.key), Scoring.scoring, .api(Op("listScores",
                     "Your scores: one sheet for each response you may score (never one you declared a conflict with); 403 until you have declared about every organisation",
                     tag: Self.tag, success: .ok(Schema.ref("Scores")))), scores),
            Endpoint(.PUT, .apiScore(.key, .key), Scoring.scoring, .api(Op("putScore",
                     "Score one response against one objective, with your rationale (409 once your scores are submitted)",
                     tag: Self.tag, request: Schema.input([Self.criterion, Scoring.score, Scoring.rationale], creating: true),
                     success: .ok(Schema.ref("ScoreSheet")), conflicts: true)), putScore),
            Endpoint(.POST, .apiScoresSubmission(.key), Scoring.scoring, .api(Op("submitScores",
                     "Submit all your scores, which locks them; refused (409) while any response you may score lacks a score for any objective",
                     tag: Self.tag, success: .ok(Schema.ref("Scores")), conflicts: true)), submit),
            Endpoint(.GET, .apiModeration(.key), ModerationController.moderating, .api(Op("listModeration",
                     "Every evaluator's submitted scores side by side, the spread and whether it is flagged, and the agreed scores (the moderator)",
                     tag: Self.tag, success: .ok(Schema.array(of: "Moderation")))), moderation),
            Endpoint(.PUT, .apiModerationSheet(.key, .key), ModerationController.moderating, .api(Op("putAgreedScore",
                     "Record the agreed score for one response and objective, with its reason (the moderator)",
                     tag: Self.tag, request: Schema.input([Self.criterion, ModerationController.score, ModerationController.reason], creating: true),
                     success: .ok(Schema.ref("Moderation")), conflicts: true)), putAgreed),
        ]
    }

    static let organisation = Schema.record([("id", Schema.uuid), ("name", Schema.string)])
    static let mark = Schema.record([("criterion", Schema.integer), ("score", Schema.integer), ("rationale", Schema.string)])

    static let schemas: [(String, JSON)] = [
        ("Criteria", Schema.record([
            ("criteria", ["type": "array", "items": Schema.record([("number", Schema.integer), ("numeral", Schema.string), ("title", Schema.string),
                                                                  ("weight", Schema.number)])]),
            ("scale", ["type": "array", "items": Schema.record([("score", Schema.integer), ("label", Schema.string), ("descriptor", Schema.string)])]),
            ("spreadFlag", ["type": "integer", "description": "A spread between evaluators' scores of at least this many points is flagged to the moderator."]),
            ("frozenAt", Schema.dateTime), ("changedAt", Schema.dateTime), ("changeReason", Schema.string),
        ], optional: ["changedAt", "changeReason"])),
        ("ScoreSheet", Schema.record([
            ("organisation", organisation), ("version", Schema.integer),
            ("marks", ["type": "array", "items": mark, "description": "The objectives scored so far."]),
        ])),
        ("Scores", Schema.record([
            ("submittedAt", Schema.dateTime),
            ("hiddenByConflicts", ["type": "integer", "minimum": 0, "description": "How many responses are kept from you by the conflicts you declared."]),
            ("missing", ["type": "integer", "minimum": 0, "description": "How many scores are still to give before you can submit."]),
            ("sheets", ["type": "array", "items": Schema.ref("ScoreSheet")]),
        ], optional: ["submittedAt"])),
        ("Moderation", Schema.record([
            ("organisation", organisation), ("version", Schema.integer),
            ("criteria", ["type": "array", "items": Schema.record([
                ("criterion", Schema.integer),
                ("scores", ["type": "array", "items": Schema.record([("evaluator", organisation), ("score", Schema.integer), ("rationale", Schema.string)])]),
                ("spread", Schema.integer), ("flagged", ["type": "boolean"]),
                ("agreed", Schema.record([("score", Schema.integer), ("reason", Schema.string)])),
            ], optional: ["spread", "agreed"])]),
        ])),
    ]

    struct OrganisationDTO: Content { var id: UUID; var name: String }
    struct CriterionDTO: Content { var number: Int; var numeral: String; var title: String; var weight: Double }
    struct CriteriaDTO: Content {
        var criteria: [CriterionDTO]; var scale: [Criteria.Level]; var spreadFlag: Int; var frozenAt: Date; var changedAt: Date?; var changeReason: String?
    }
    struct SheetDTO: Content { var organisation: OrganisationDTO; var version: Int; var marks: [ScoreSheet.Mark] }
    struct ScoresDTO: Content { var submittedAt: Date?; var hiddenByConflicts: Int; var missing: Int; var sheets: [SheetDTO] }
    struct ModerationDTO: Content {
        struct Score: Content { var evaluator: OrganisationDTO; var score: Int; var rationale: String }
        struct Agreed: Content { var score: Int; var reason: String }
        struct Row: Content { var criterion: Int; var scores: [Score]; var spread: Int?; var flagged: Bool; var agreed: Agreed? }
        var organisation: OrganisationDTO; var version: Int; var criteria: [Row]
    }

    @Sendable func criteria(req: Request) async throws -> CriteriaDTO {
        guard let c = try await Criteria.of(req.uuid(), on: req.sql) else {
            throw Abort(.notFound, reason: "The criteria are frozen when the responses are opened; this exercise's are not yet.")
        }
        return CriteriaDTO(criteria: c.criteria.map { .init(number: $0.number, numeral: $0.numeral, title: $0.title, weight: $0.weight) },
                           scale: c.scale, spreadFlag: c.spreadFlag, frozenAt: c.frozenAt, changedAt: c.changedAt,
                           changeReason: c.changedAt == nil ? nil : c.changeReason)
    }

    static func sheet(_ o: SupplierOrganisation, _ s: ScoreSheet?) -> SheetDTO {
        SheetDTO(organisation: .init(id: o.id!, name: o.name), version: s?.version ?? 0, marks: s?.marks ?? [])
    }

    private func own(_ c: Scoring.Context, _ req: Request) async throws -> ScoresDTO {
        let sheets = try await Scoring.sheets(exercise: c.exercise.id!, evaluator: c.member.$user.id, on: req.db)
        return ScoresDTO(submittedAt: c.member.submittedAt, hiddenByConflicts: c.hidden, missing: Scoring.missing(c, sheets).count,
                         sheets: c.organisations.map { Self.sheet($0, sheets[$0.id!]) })
    }

    @Sendable func scores(req: Request) async throws -> ScoresDTO {
        try await own(try await Scoring.context(req), req)
    }

    private static func organisationID(_ req: Request) -> UUID? { req.parameters.get("organisation").flatMap(UUID.init(uuidString:)) }

    /// Reads `criterion` and checks it names one of the exercise's criteria (409 if not).
    private static func criterion(_ v: inout Validator, _ criteria: Criteria) -> Criteria.Criterion? {
        guard let n = v.integer(Self.criterion) else { return nil }
        guard let c = criteria.criteria.first(where: { $0.number == n }) else {
            v.conflict(Self.criterion.name, "The exercise has no objective \(n); its objectives are numbered \(criteria.criteria.map { String($0.number) }.joined(separator: ", ")).")
            return nil
        }
        return c
    }

    @Sendable func putScore(req: Request) async throws -> SheetDTO {
        let c = try await Scoring.context(req)
        guard let o = c.organisation(Self.organisationID(req)) else { throw Abort(.notFound, reason: "No response you may score has that id.") }
        var v = Validator(try FormInput.json(req))
        let criterion = Self.criterion(&v, c.criteria)
        let score = v.integer(Scoring.score), rationale = v.text(Scoring.rationale)
        try v.throwIfInvalid()
        let saved = try await Scoring.write([criterion!.number: ScoreSheet.Mark(criterion: criterion!.number, score: score!, rationale: rationale)],
                                            organisation: o.id!, exercise: c.exercise.id!, evaluator: c.member.$user.id, seen: nil, on: req)
        return Self.sheet(o, saved)
    }

    @Sendable func submit(req: Request) async throws -> ScoresDTO {
        let c = try await Scoring.context(req)
        _ = try await Scoring.submit(exercise: c.exercise.id!, evaluator: c.member.$user.id, on: req)
        return try await own(try await Scoring.context(req), req)
    }

    static func moderation(_ c: ModerationController.Context, _ o: SupplierOrganisation) -> ModerationDTO {
        let sheet = c.sheets[o.id!]
        return ModerationDTO(organisation: .init(id: o.id!, name: o.name), version: sheet?.version ?? 0, criteria: c.criteria.criteria.map { x in
            let spread = c.submitted.spread(o.id!, x.number)
            return .init(criterion: x.number,
                         scores: c.submitted.marks(o.id!, x.number).map { .init(evaluator: .init(id: $0.0.id, name: $0.0.name), score: $0.1.score, rationale: $0.1.rationale) },
                         spread: spread, flagged: (spread ?? 0) >= c.criteria.spreadFlag,
                         agreed: sheet?.consensus.first { $0.criterion == x.number }.map { .init(score: $0.score, reason: $0.reason) })
        })
    }

    @Sendable func moderation(req: Request) async throws -> [ModerationDTO] {
        let c = try await ModerationController.context(req.uuid(), on: req.db)
        return c.organisations.map { Self.moderation(c, $0) }
    }

    @Sendable func putAgreed(req: Request) async throws -> ModerationDTO {
        let exerciseID = try req.uuid()
        let c = try await ModerationController.context(exerciseID, on: req.db)
        guard let id = Self.organisationID(req), let o = c.organisations.first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "No organisation whose response counts in this exercise has that id.")
        }
        var v = Validator(try FormInput.json(req))
        let criterion = Self.criterion(&v, c.criteria)
        let score = v.integer(ModerationController.score), reason = v.text(ModerationController.reason)
        try v.throwIfInvalid()
        try await ModerationController.write([criterion!.number: .init(criterion: criterion!.number, score: score!, reason: reason)],
                                             organisation: o.id!, exercise: exerciseID, seen: nil, on: req)
        return Self.moderation(try await ModerationController.context(exerciseID, on: req.db), o)
    }
}

extension SiteURL {
    static func apiCriteria(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "criteria") }
    static func apiScores(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "scores") }
    static func apiScore(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL {
        SiteURL("api", "v1", "exercises", .id(p), "scores", .text(o, "organisation"))
    }
    static func apiScoresSubmission(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "scores", "submission") }
    static func apiModeration(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "moderation") }
    static func apiModerationSheet(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL {
        SiteURL("api", "v1", "exercises", .id(p), "moderation", .text(o, "organisation"))
    }
}
