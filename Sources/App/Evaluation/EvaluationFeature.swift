import Vapor

/// Evaluation of the responses to an exercise: so far the panel (evaluators and a moderator)
/// and each evaluator's declarations of interest. Scoring, moderation, results, SMAA-2 and the
/// report follow, over the `Decision` library.
struct EvaluationFeature: Feature {
    var endpoints: [Endpoint] {
        let p = PanelController(), d = DeclarationsController()
        return [
            .get(.evaluationPanel(.key), .officer, p.show),
            .post(.evaluationPanel(.key), .officer, p.add),
            .post(.removePanelMember(.key, .key), .officer, p.remove),
            .get(.evaluate, Panel.people, d.list),
            .get(.declarations(.key), Panel.declaring, d.form),
            .post(.declarations(.key), Panel.declaring, d.save),
        ] + PanelAPI().endpoints
    }

    var schemas: [(String, JSON)] { PanelAPI.schemas }
}

extension SiteURL {
    // The officer's pages
    static func evaluationPanel(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "panel") }
    static func removePanelMember(_ p: Parameter<UUID>, _ m: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "panel", .text(m, "member"), "remove")
    }

    // The panel's pages
    static let evaluate = SiteURL("evaluate")
    static func declarations(_ p: Parameter<UUID>) -> SiteURL { SiteURL("evaluate", .id(p), "declarations") }
}
