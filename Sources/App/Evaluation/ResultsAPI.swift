import Fluent
import Vapor

/// The results and the latest sensitivity analysis as JSON, for officers, once the responses are open.
struct ResultsAPI {
    typealias Op = APIOperation

    var endpoints: [Endpoint] {
        [
            Endpoint(.GET, .apiResults(.key), Sealing.opened, .api(Op("getResults",
                     "The score used for each response and objective (agreed, or the mean of the submitted scores until then), the weighted totals and ranks with the frozen weights and under each weight scenario; evidence of which proposals best meet the objectives, not a choice of supplier",
                     tag: PanelAPI.tag, success: .ok(Schema.ref("Results")))), results),
            Endpoint(.GET, .apiInterviews(.key), Sealing.opened, .api(Op("getInterviews",
                     "The shortlist for interview and the interviews: when, where, who from the panel, and the notes and outcome",
                     tag: PanelAPI.tag, success: .ok(Schema.ref("Interviews")))), interviews),
            Endpoint(.GET, .apiMarket(.key), Sealing.opened, .api(Op("getMarketSummary",
                     "What the market said: for each lot, the organisations interested, ranked among themselves, with the model, investment and local jobs they offered, and their service improvement in their words",
                     tag: PanelAPI.tag, success: .ok(Schema.ref("MarketSummary")))), market),
            Endpoint(.GET, .apiSensitivity(.key), Sealing.opened, .api(Op("getSensitivity",
                     "The latest SMAA-2 analysis of how the ranking depends on the weights (404 if none has been run)",
                     tag: PanelAPI.tag, success: .ok(Schema.ref("Sensitivity")))), sensitivity),
        ]
    }

    static let ranked: JSON = Schema.record([
        ("total", ["type": "number", "description": "The weighted total, as a percentage of the best possible."]),
        ("rank", ["type": "integer", "minimum": 1]),
    ], optional: ["total", "rank"])

    static let schemas: [(String, JSON)] = [
        ("Results", Schema.record([
            ("final", ["type": "boolean", "description": "Every evaluator has submitted and every score is agreed."]),
            ("waiting", ["type": "array", "items": Schema.string, "description": "Evaluators who have not submitted."]),
            ("scenarios", ["type": "array", "items": Schema.record([
                ("id", Schema.uuid), ("version", Schema.integer), ("name", Schema.string), ("description", Schema.string),
                ("weights", ["type": "array", "items": Schema.record([("criterion", Schema.integer), ("weight", Schema.number)])]),
            ])]),
            ("rows", ["type": "array", "items": Schema.record([
                ("organisation", ScoringAPI.organisation),
                ("scores", ["type": "array", "items": Schema.record([
                    ("criterion", Schema.integer), ("value", Schema.number), ("agreed", ["type": "boolean"]),
                    ("lowest", Schema.integer), ("highest", Schema.integer),
                ], optional: ["value", "lowest", "highest"])]),
                ("total", Schema.number), ("rank", Schema.integer),
                ("excluded", ["type": "boolean", "description": "Left out of the ranking: it fails a condition and no reason to keep it was recorded."]),
                ("conditions", ["type": "array", "items": Schema.record([
                    ("question", Schema.uuid), ("text", Schema.string),
                    ("state", ["type": "string", "enum": ["met", "failed", "unjudged"]]),
                    ("keptBecause", ["type": "string", "description": "Why a failed response stays in the ranking."]),
                ], optional: ["keptBecause"])]),
                ("scenarios", ["type": "array", "items": ranked, "description": "Under each scenario, in the order of `scenarios`."]),
            ], optional: ["total", "rank"])]),
        ])),
        ("Interviews", Schema.record([
            ("shortlist", ["type": "array", "items": Schema.record([
                ("organisation", ScoringAPI.organisation), ("reason", Schema.string), ("addedAt", Schema.dateTime),
            ])]),
            ("interviews", ["type": "array", "items": Schema.record([
                ("id", Schema.uuid), ("version", Schema.integer), ("organisation", ScoringAPI.organisation), ("startsAt", Schema.dateTime),
                ("minutes", Schema.integer), ("place", Schema.string),
                ("panel", ["type": "array", "items": ScoringAPI.organisation]), ("notes", Schema.string),
                ("outcome", ["type": "string", "enum": .array(Interview.Outcome.allCases.map { .string($0.rawValue) })]),
            ], optional: ["outcome"])]),
        ])),
        ("MarketSummary", Schema.record([
            ("responses", ["type": "array", "items": Schema.record([
                ("organisation", ScoringAPI.organisation), ("lots", ["type": "array", "items": Schema.string]),
                ("model", Schema.string), ("investment", Schema.number), ("improvement", Schema.string), ("jobs", Schema.number),
                ("excluded", ["type": "boolean"]),
            ], optional: ["model", "investment", "improvement", "jobs"])]),
            ("lots", ["type": "array", "items": Schema.record([
                ("name", Schema.string),
                ("organisations", ["type": "array", "items": Schema.record([("id", Schema.uuid), ("name", Schema.string), ("rank", Schema.integer)], optional: ["rank"])]),
            ])]),
        ])),
        ("Sensitivity", Schema.record([
            ("number", Schema.integer), ("runAt", Schema.dateTime), ("runBy", Schema.string),
            ("statements", ["type": "array", "items": Schema.string, "description": "What was known about the weights, in words."]),
            ("uncertainty", ["type": "boolean"]),
            ("final", ["type": "boolean", "description": "Whether every score was submitted and agreed when it ran; if not, its figures were provisional."]),
            ("method", Schema.string), ("samples", Schema.integer), ("seed", Schema.integer),
            ("sentences", ["type": "array", "items": Schema.string]),
            ("organisations", ["type": "array", "items": Schema.record([
                ("id", Schema.uuid), ("name", Schema.string),
                ("rankAcceptability", ["type": "array", "items": Schema.number]),
                ("centralWeights", ["type": "array", "items": Schema.number]),
                ("confidence", Schema.number), ("holistic", Schema.number),
                ("pairwise", ["type": "array", "items": Schema.number, "description": "How often it ranks above each organisation, in the order of `organisations`."]),
            ], optional: ["centralWeights", "confidence"])]),
            ("leftOut", ["type": "array", "items": Schema.string]),
        ])),
    ]

    struct Ranked: Content { var total: Double?; var rank: Int? }
    struct ScoreDTO: Content { var criterion: Int; var value: Double?; var agreed: Bool; var lowest: Int?; var highest: Int? }
    struct ConditionDTO: Content { var question: UUID; var text: String; var state: Conditions.State; var keptBecause: String? }
    struct RowDTO: Content {
        var organisation: ScoringAPI.OrganisationDTO; var scores: [ScoreDTO]; var total: Double?; var rank: Int?; var excluded: Bool
        var conditions: [ConditionDTO]; var scenarios: [Ranked]
    }
    struct ScenarioDTO: Content { var id: UUID; var version: Int; var name: String; var description: String; var weights: [WeightScenario.Weight] }
    struct ResultsDTO: Content { var final: Bool; var waiting: [String]; var scenarios: [ScenarioDTO]; var rows: [RowDTO] }

    @Sendable func results(req: Request) async throws -> ResultsDTO {
        let l = try await ResultsController.load(req), r = l.results
        let rankings = l.scenarios.map { r.ranking($0.weights(for: r.criteria)) }
        return ResultsDTO(
            final: r.final, waiting: r.waiting,
            scenarios: l.scenarios.map { .init(id: $0.id!, version: $0.version, name: $0.name, description: $0.description, weights: $0.weights) },
            rows: r.rows.enumerated().map { i, row in
                RowDTO(organisation: .init(id: row.organisation, name: row.name),
                       scores: r.criteria.criteria.enumerated().map { j, c in
                           ScoreDTO(criterion: c.number, value: row.values[j], agreed: row.agreed[j], lowest: row.ranges[j]?.lowerBound, highest: row.ranges[j]?.upperBound)
                       },
                       total: row.total, rank: row.rank, excluded: row.excluded,
                       conditions: row.conditions.map { .init(question: $0.question.id, text: $0.question.text, state: $0.state, keptBecause: $0.kept.isEmpty ? nil : $0.kept) },
                       scenarios: rankings.map { Ranked(total: $0[i].total, rank: $0[i].rank) })
            })
    }

    struct MarketResponseDTO: Content {
        var organisation: ScoringAPI.OrganisationDTO; var lots: [String]; var model: String?; var investment: Double?; var improvement: String?
        var jobs: Double?; var excluded: Bool
    }
    struct LotEntryDTO: Content { var id: UUID; var name: String; var rank: Int? }
    struct LotDTO: Content { var name: String; var organisations: [LotEntryDTO] }
    struct MarketDTO: Content { var responses: [MarketResponseDTO]; var lots: [LotDTO] }

    @Sendable func market(req: Request) async throws -> MarketDTO {
        let l = try await ResultsController.load(req)
        let m = try await MarketSummary.load(l.exercise.id!, results: l.results, on: req.sql)
        return MarketDTO(
            responses: m.responses.map { .init(organisation: .init(id: $0.organisation, name: $0.name), lots: $0.lots, model: $0.model, investment: $0.investment,
                                               improvement: $0.improvement, jobs: $0.jobs, excluded: $0.excluded) },
            lots: m.lots.map { lot in .init(name: lot.name, organisations: lot.responses.map { .init(id: $0.organisation, name: $0.name, rank: lot.ranks[$0.organisation]) }) })
    }

    struct ShortlistDTO: Content { var organisation: ScoringAPI.OrganisationDTO; var reason: String; var addedAt: Date }
    struct InterviewDTO: Content {
        var id: UUID; var version: Int; var organisation: ScoringAPI.OrganisationDTO; var startsAt: Date; var minutes: Int; var place: String
        var panel: [ScoringAPI.OrganisationDTO]; var notes: String; var outcome: Interview.Outcome?
    }
    struct InterviewsDTO: Content { var shortlist: [ShortlistDTO]; var interviews: [InterviewDTO] }

    @Sendable func interviews(req: Request) async throws -> InterviewsDTO {
        let l = try await InterviewsController.load(req), names = InterviewPages.names(l)
        let people = Dictionary(l.panel.map { ($0.id, $0.name) }) { a, _ in a }
        func org(_ id: UUID) -> ScoringAPI.OrganisationDTO { .init(id: id, name: names[id] ?? "") }
        return InterviewsDTO(
            shortlist: l.shortlist.map { .init(organisation: org($0.$organisation.id), reason: $0.reason, addedAt: $0.addedAt) },
            interviews: l.interviews.map { i in
                .init(id: i.id!, version: i.version, organisation: org(i.$organisation.id), startsAt: i.startsAt, minutes: i.minutes, place: i.place,
                      panel: i.panel.map { .init(id: $0, name: people[$0] ?? "") }, notes: i.notes, outcome: i.outcome)
            })
    }

    struct OrganisationResult: Content {
        var id: UUID; var name: String; var rankAcceptability: [Double]; var centralWeights: [Double]?; var confidence: Double?
        var holistic: Double; var pairwise: [Double]
    }
    struct SensitivityDTO: Content {
        var number: Int; var runAt: Date; var runBy: String; var statements: [String]; var uncertainty: Bool; var final: Bool; var method: String
        var samples: Int; var seed: UInt64; var sentences: [String]; var organisations: [OrganisationResult]; var leftOut: [String]
    }

    @Sendable func sensitivity(req: Request) async throws -> SensitivityDTO {
        let l = try await ResultsController.load(req)
        guard let run = try await SensitivityRun.query(on: req.db).filter(\.$exercise.$id == l.exercise.id!).sort(\.$number, .descending).first(),
              let result = run.result, let settings = run.settings
        else { throw Abort(.notFound, reason: "No sensitivity analysis has been run for this exercise.") }
        return SensitivityDTO(
            number: run.number, runAt: run.runAt, runBy: run.runBy, statements: settings.sentences(l.results.criteria, weights: result.weights),
            uncertainty: settings.uncertainty, final: result.final,
            method: result.method, samples: result.samples, seed: result.seed, sentences: Sensitivity.sentences(result, uncertainty: settings.uncertainty),
            organisations: result.organisations.indices.map { i in
                OrganisationResult(id: result.organisations[i].id, name: result.organisations[i].name, rankAcceptability: result.rankAcceptability[i],
                                   centralWeights: result.centralWeights[i], confidence: result.confidence[i], holistic: result.holistic[i],
                                   pairwise: result.pairwise[i])
            },
            leftOut: result.leftOut)
    }
}

extension SiteURL {
    static func apiResults(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "results") }
    static func apiMarket(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "market") }
    static func apiInterviews(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "interviews") }
    static func apiSensitivity(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "sensitivity") }
}
