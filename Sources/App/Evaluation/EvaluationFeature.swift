import Vapor

/// Evaluation of the responses to an exercise: the panel (evaluators and a moderator), each
/// evaluator's declarations of interest, the criteria frozen at opening and the scoring scale,
/// independent scoring and moderation, results with SMAA-2 (over the `Decision` library), the
/// market summary, interviews, and the evaluation report with the scores as CSV.
struct EvaluationFeature: Feature {
    var endpoints: [Endpoint] {
        let p = PanelController(), d = DeclarationsController(), c = CriteriaController(), s = ScoringController(), m = ModerationController(), r = ResultsController(), i = InterviewsController(), rep = EvaluationReportController()
        return [
            .get(.evaluationPanel(.key), .officer, p.show),
            .post(.evaluationPanel(.key), .officer, p.add),
            .post(.removePanelMember(.key, .key), .officer, p.remove),
            .get(.evaluate, Panel.people, d.list),
            .get(.declarations(.key), Panel.declaring, d.form),
            .post(.declarations(.key), Panel.declaring, d.save),
            .get(.evaluationCriteria(.key), .officer, c.show),
            .post(.evaluationScale(.key), .officer, c.saveScale),
            .post(.evaluationWeights(.key), .officer, c.saveWeights),
            .get(.scoring(.key), Scoring.scoring, s.overview),
            .get(.scoreSheet(.key, .key), Scoring.scoring, s.sheet),
            .post(.scoreSheet(.key, .key), Scoring.scoring, s.save),
            .get(.scoreSheetFile(.key, .key, .key), Scoring.scoring, s.file),
            .post(.scoringSubmission(.key), Scoring.scoring, s.submit),
            .get(.everyonesScores(.key), ScoringController.everyone, s.scores),
            .get(.moderation(.key), ModerationController.moderating, m.overview),
            .get(.moderationSheet(.key, .key), ModerationController.moderating, m.sheet),
            .post(.moderationSheet(.key, .key), ModerationController.moderating, m.save),
            .post(.moderationConditions(.key, .key), ModerationController.moderating, m.saveConditions),
            .get(.results(.key), Sealing.opened, r.show),
            .post(.scenarios(.key), Sealing.opened, r.addScenario),
            .post(.removeScenario(.key, .key), Sealing.opened, r.removeScenario),
            .get(.sensitivity(.key), Sealing.opened, r.sensitivity),
            .post(.sensitivity(.key), Sealing.opened, r.runSensitivity),
            .get(.market(.key), Sealing.opened, MarketController().show),
            .get(.interviews(.key), Sealing.opened, i.show),
            .post(.interviews(.key), Sealing.opened, i.schedule),
            .post(.shortlist(.key), Sealing.opened, i.addToShortlist),
            .post(.removeFromShortlist(.key, .key), Sealing.opened, i.removeFromShortlist),
            .get(.interview(.key, .key), Sealing.opened, i.record),
            .post(.interview(.key, .key), Sealing.opened, i.saveRecord),
            .post(.cancelInterview(.key, .key), Sealing.opened, i.cancel),
            .get(.evaluationReport(.key), Sealing.opened, rep.show),
            .post(.evaluationReport(.key), Sealing.opened, rep.save),
            .post(.issueEvaluationReport(.key), Sealing.opened, rep.issue),
            .get(.evaluationReportPrint(.key), Sealing.opened, rep.print),
            .get(.scoresCSV(.key), Sealing.opened, rep.scoresCSV),
        ] + PanelAPI().endpoints + ScoringAPI().endpoints + ResultsAPI().endpoints
    }

    var schemas: [(String, JSON)] { PanelAPI.schemas + ScoringAPI.schemas + ResultsAPI.schemas }
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
    static func evaluationCriteria(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "criteria") }
    static func evaluationScale(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "criteria", "scale") }
    static func evaluationWeights(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "criteria", "weights") }
    static func scoring(_ p: Parameter<UUID>) -> SiteURL { SiteURL("evaluate", .id(p)) }
    static func scoreSheet(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL { SiteURL("evaluate", .id(p), "responses", .text(o, "organisation")) }
    static func scoreSheetFile(_ p: Parameter<UUID>, _ o: Parameter<String>, _ f: Parameter<String>) -> SiteURL {
        SiteURL("evaluate", .id(p), "responses", .text(o, "organisation"), "files", .text(f, "sha256"))
    }
    static func scoringSubmission(_ p: Parameter<UUID>) -> SiteURL { SiteURL("evaluate", .id(p), "submission") }
    static func everyonesScores(_ p: Parameter<UUID>) -> SiteURL { SiteURL("evaluate", .id(p), "scores") }
    static func moderation(_ p: Parameter<UUID>) -> SiteURL { SiteURL("evaluate", .id(p), "moderation") }
    static func results(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "results") }
    static func scenarios(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "results", "scenarios") }
    static func removeScenario(_ p: Parameter<UUID>, _ s: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "results", "scenarios", .text(s, "scenario"), "remove")
    }
    static func sensitivity(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "sensitivity") }
    static func market(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "market") }
    static func interviews(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "interviews") }
    static func interview(_ p: Parameter<UUID>, _ i: Parameter<String>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "interviews", .text(i, "interview")) }
    static func cancelInterview(_ p: Parameter<UUID>, _ i: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "interviews", .text(i, "interview"), "cancel")
    }
    static func shortlist(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "shortlist") }
    static func removeFromShortlist(_ p: Parameter<UUID>, _ s: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "shortlist", .text(s, "entry"), "remove")
    }
    static func moderationConditions(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL {
        SiteURL("evaluate", .id(p), "moderation", .text(o, "organisation"), "conditions")
    }
    static func evaluationReport(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "report") }
    static func issueEvaluationReport(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "report", "issue") }
    static func evaluationReportPrint(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "report", "print") }
    static func scoresCSV(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "scores.csv") }
    static func moderationSheet(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL { SiteURL("evaluate", .id(p), "moderation", .text(o, "organisation")) }
}
