import Fluent
import Vapor

/// The service assessment (seeds 001 and 002): the framework's questions, each service's SWOT and
/// answers placing it on a two-by-two of importance against readiness for partnership, packages of
/// services built from those positions, and each package's options appraisal (partnership models
/// scored against the council's objectives by the evaluation's method). For officers.
struct AssessmentFeature: Feature {
    typealias Op = APIOperation

    var endpoints: [Endpoint] {
        let c = AssessmentController()
        return [
            .get(.assessment, .officer, c.overview),
            .get(.assessmentFramework, .officer, c.framework),
            .post(.assessmentFramework, .officer, c.saveFramework),
            .get(.assessmentService(.key), .officer, c.serviceForm),
            .post(.assessmentService(.key), .officer, c.saveService),
            .post(.assessmentPackages, .officer, c.addPackage),
            .get(.assessmentPackage(.key), .officer, c.showPackage),
            .post(.assessmentPackage(.key), .officer, c.savePackage),
            .post(.removePackage(.key), .officer, c.removePackage),
            .post(.appraisalOptions(.key), .officer, c.addOption),
            .get(.appraisalOption(.key, .key), .officer, c.optionForm),
            .post(.appraisalOption(.key, .key), .officer, c.saveOption),
            .post(.removeAppraisalOption(.key, .key), .officer, c.removeOption),
            Endpoint(.GET, .apiAssessment, .officer, .api(Op("getServiceAssessment",
                     "The service assessment: the framework's questions, each service's SWOT and position (the mean of its answers on each axis), and the packages with their options appraisal (weighted totals and ranks with the objectives' weights)",
                     tag: "Assessment", success: .ok(Schema.ref("ServiceAssessment")))), api),
        ]
    }

    var schemas: [(String, JSON)] {
        let points: JSON = ["type": "array", "items": Schema.string]
        return [("ServiceAssessment", Schema.record([
            ("questions", ["type": "array", "items": Schema.record([
                ("key", Schema.string), ("text", Schema.string), ("axis", ["type": "string", "enum": ["importance", "readiness"]]),
            ])]),
            ("services", ["type": "array", "items": Schema.record([
                ("id", Schema.uuid), ("name", Schema.string), ("area", Schema.string),
                ("importance", ["type": "number", "minimum": 1, "maximum": 5]), ("readiness", ["type": "number", "minimum": 1, "maximum": 5]),
                ("position", ["type": "string", "enum": .array(Assessment.Quadrant.allCases.map { .string($0.key) })]),
                ("strengths", points), ("weaknesses", points), ("opportunities", points), ("threats", points),
                ("package", Schema.uuid),
            ], optional: ["importance", "readiness", "position", "package"])]),
            ("packages", ["type": "array", "items": Schema.record([
                ("id", Schema.uuid), ("version", Schema.integer), ("name", Schema.string), ("rationale", Schema.string),
                ("services", ["type": "array", "items": Schema.uuid]),
                ("options", ["type": "array", "items": Schema.record([
                    ("id", Schema.uuid), ("model", Schema.string), ("summary", Schema.string),
                    ("scores", ["type": "array", "items": Schema.record([("criterion", Schema.integer), ("score", Schema.integer), ("rationale", Schema.string)])]),
                    ("total", ["type": "number", "description": "The weighted total, as a percentage of the best possible."]),
                    ("rank", ["type": "integer", "minimum": 1]),
                ], optional: ["total", "rank"])]),
            ])]),
        ]))]
    }

    struct AssessmentJSON: Content {
        struct Question: Content { var key: String; var text: String; var axis: String }
        struct ServiceJSON: Content {
            var id: String; var name: String; var area: String; var importance: Double?; var readiness: Double?; var position: String?
            var strengths: [String]; var weaknesses: [String]; var opportunities: [String]; var threats: [String]; var package: String?
        }
        struct Score: Content { var criterion: Int; var score: Int; var rationale: String }
        struct Option: Content { var id: String; var model: String; var summary: String; var scores: [Score]; var total: Double?; var rank: Int? }
        struct Package: Content { var id: String; var version: Int; var name: String; var rationale: String; var services: [String]; var options: [Option] }
        var questions: [Question]
        var services: [ServiceJSON]
        var packages: [Package]
    }

    @Sendable func api(req: Request) async throws -> AssessmentJSON {
        let l = try await AssessmentController.load(on: req.db), packageOf = l.packageOf
        let options = try await AppraisalOption.query(on: req.db).sort(\.$model).all()
        let weights = l.objectives.map { (number: $0.number, weight: $0.weight) }
        return AssessmentJSON(
            questions: l.questions.map { .init(key: $0.key, text: $0.text, axis: $0.axis.rawValue) },
            services: l.rows.map { r in
                let a = r.assessment
                return .init(id: r.service.id!.lowercasedString, name: r.service.name, area: r.area, importance: r.position?.importance,
                             readiness: r.position?.readiness, position: r.position?.quadrant.key,
                             strengths: Reports.lines(a?.strengths ?? ""), weaknesses: Reports.lines(a?.weaknesses ?? ""),
                             opportunities: Reports.lines(a?.opportunities ?? ""), threats: Reports.lines(a?.threats ?? ""),
                             package: packageOf[r.service.id!]?.id?.lowercasedString)
            },
            packages: l.packages.map { p in
                let own = options.filter { $0.$package.id == p.id }
                let ranked = Assessment.totals(own, weights: weights)
                return .init(id: p.id!.lowercasedString, version: p.version, name: p.name, rationale: p.rationale, services: p.services.map(\.lowercasedString),
                             options: own.indices.map { i in
                                 .init(id: own[i].id!.lowercasedString, model: own[i].model, summary: own[i].summary,
                                       scores: own[i].marks.map { .init(criterion: $0.criterion, score: $0.score, rationale: $0.rationale) },
                                       total: ranked[i].total, rank: ranked[i].rank)
                             })
            })
    }
}

extension Assessment.Quadrant {
    /// Its name in the API.
    var key: String {
        switch self {
        case .importantReady: "important-ready"
        case .importantNotReady: "important-not-ready"
        case .lessImportantReady: "less-important-ready"
        case .lessImportantNotReady: "less-important-not-ready"
        }
    }
}

extension SiteURL {
    static let assessment = SiteURL("manage", "assessment")
    static let assessmentFramework = SiteURL("manage", "assessment", "framework")
    static func assessmentService(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "assessment", "services", .id(p)) }
    static let assessmentPackages = SiteURL("manage", "assessment", "packages")
    static func assessmentPackage(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "assessment", "packages", .id(p)) }
    static func removePackage(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "assessment", "packages", .id(p), "remove") }
    static func appraisalOptions(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "assessment", "packages", .id(p), "options") }
    static func appraisalOption(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL {
        SiteURL("manage", "assessment", "packages", .id(p), "options", .text(o, "option"))
    }
    static func removeAppraisalOption(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL {
        SiteURL("manage", "assessment", "packages", .id(p), "options", .text(o, "option"), "remove")
    }
    static let apiAssessment = SiteURL("api", "v1", "assessment")
}
