import Fluent
import Vapor

/// The evaluation report to the Project Board, in a committee report's layout (`CommitteeReport`):
/// the officer's recommendations and summary, then what the evaluation found, read from the
/// records as they stand: method, weights and scenarios, conditions, what the market said, the
/// ranking, the sensitivity analysis, the shortlist and interviews. Exempt (Part 2, paragraph 3)
/// by default, since it quotes proposals.
enum EvaluationReport {
    static let kind = "evaluation"

    /// Everything the report reads.
    struct Loaded: Sendable {
        var exercise: Exercise
        var results: Results
        var scenarios: [WeightScenario]
        var market: MarketSummary
        var shortlist: [ShortlistEntry]
        var interviews: [Interview]
        /// The latest analysis run on the final scores: one run on provisional scores is not reported.
        var run: SensitivityRun?
        /// The officers' confirmations that opened the responses.
        var openings: [Opening]
        var evaluators: Int
        var moderators: Int
        var conflicts: Int
        var questionnaireVersion: Int?
        var draft: ReportDraft?
        var issued: [ReportsFeature.Listed]
        var council: String
    }

    static func load(_ req: Request) async throws -> Loaded {
        let l = try await ResultsController.load(req), id = l.exercise.id!
        let issued = try await ReportsFeature.listed(req.sql, user: req.user).filter { $0.kind == kind && $0.subject == id }
        return try await load(l.exercise, l.results, l.scenarios, issued: issued, council: try await req.council().name, on: req.db)
    }

    /// What the report reads of an exercise whose results are `results` (the demo's loader calls it too).
    static func load(_ e: Exercise, _ results: Results, _ scenarios: [WeightScenario], issued: [ReportsFeature.Listed], council: String,
                     on db: any Database) async throws -> Loaded {
        let id = e.id!
        let market = try await MarketSummary.load(id, results: results, on: try db.sql)
        let shortlist = try await ShortlistEntry.query(on: db).filter(\.$exercise.$id == id).sort(\.$addedAt).all()
        let interviews = try await Interview.query(on: db).filter(\.$exercise.$id == id).sort(\.$startsAt).all()
        let run = try await SensitivityRun.query(on: db).filter(\.$exercise.$id == id).sort(\.$number, .descending).all().first { $0.result?.final == true }
        let openings = try await Opening.query(on: db).filter(\.$exercise.$id == id).sort(\.$confirmedAt).all()
        let panel = try await PanelMember.query(on: db).filter(\.$exercise.$id == id).all()
        let conflicts = try await Declaration.query(on: db).filter(\.$exercise.$id == id).filter(\.$conflict == true).count()
        let version = try await QuestionnaireVersion.query(on: db).filter(\.$exercise.$id == id).max(\.$number)
        let draft = try await ReportDraft.query(on: db).filter(\.$kind == kind).filter(\.$subjectID == id).first()
        return Loaded(exercise: e, results: results, scenarios: scenarios, market: market, shortlist: shortlist, interviews: interviews,
                      run: run, openings: openings, evaluators: panel.filter { $0.role == .evaluator }.count, moderators: panel.filter { $0.role == .moderator }.count,
                      conflicts: conflicts, questionnaireVersion: version, draft: draft, issued: issued, council: council)
    }

    /// The words a form holds, as a draft (not saved): for the report as it stands beside the form.
    static func words(_ input: FormInput) -> ReportDraft {
        let d = ReportDraft()
        var v = Validator(input)
        Reports.read(d, &v)
        return d
    }

    // MARK: The officer's words

    /// The draft as a form fills it: the saved draft, or words to start from.
    static func input(_ l: Loaded) -> FormInput {
        if let d = l.draft { return FormInput.editing(d) }
        return FormInput([
            "title": "Strategic partnering: evaluation of the responses to \(l.exercise.reference)",
            "meeting": "Project Board",
            "author": "the Strategy Team",
            "part": String(CommitteeReport.defaultParagraph),
            "recommendations": defaultRecommendations(l).joined(separator: "\n"),
            "summary": defaultSummary(l).joined(separator: "\n\n"),
            "background": "",
        ])
    }

    static func defaultRecommendations(_ l: Loaded) -> [String] {
        [
            "That the Board notes the evaluation of the \(l.results.rows.count) responses to \(l.exercise.title), as evidence of which proposals best meet the council’s objectives, not as a selection of any supplier.",
            "That the Board notes how far the ranking depends on the weights given to the objectives (the sensitivity analysis).",
            "That the Board agrees the next steps for each lot, taking account of what the market said and of the interviews.",
        ]
    }

    static func defaultSummary(_ l: Loaded) -> [String] {
        let r = l.results, ranked = r.rows.filter { $0.rank != nil }.sorted { $0.rank! < $1.rank! }
        var paragraphs = ["\(r.rows.count) \(r.rows.count == 1 ? "organisation" : "organisations") responded to \(l.exercise.title) by the deadline. "
            + "A panel of \(l.evaluators) \(l.evaluators == 1 ? "evaluator" : "evaluators") scored each response independently against the council’s \(r.criteria.criteria.count) objectives, "
            + (r.final ? "and a moderator agreed each score with its reason." : "and a moderator is agreeing each score with its reason.")]
        if let first = ranked.first, let total = first.total {
            paragraphs.append("With the weights the Project Board gave the objectives, \(first.name)’s proposal has the highest weighted total (\(Figures.percent(total)) of the best possible).\(r.final ? "" : " The scores are still provisional.")")
        }
        if let run = l.run, let result = run.result, let best = result.organisations.indices.max(by: { result.rankAcceptability[$0][0] < result.rankAcceptability[$1][0] }) {
            paragraphs.append("Under the weightings the Board’s decision allows, \(result.organisations[best].name)’s proposal best meets the objectives in \(Sensitivity.percent(result.rankAcceptability[best][0])) of them.")
        }
        return paragraphs
    }

    /// Why the report cannot be issued yet, or nil: the Board reads no score in progress.
    static func notReady(_ r: Results) -> String? {
        guard !r.final else { return nil }
        var parts = ["The report can be issued once every evaluator has submitted and the moderator has agreed every score."]
        if !r.waiting.isEmpty { parts.append("Not submitted yet: \(r.waiting.joined(separator: ", ")).") }
        if r.unagreed > 0 { parts.append("\(r.unagreed) \(r.unagreed == 1 ? "score is" : "scores are") not yet agreed.") }
        return parts.joined(separator: " ")
    }

    // MARK: The report

    static func report(_ l: Loaded, words d: ReportDraft, status: String) -> CommitteeReport {
        let e = l.exercise
        var background = Reports.lines(d.background)
        background.append("The notice of \(e.reference), \(e.title)\(e.publishedAt.map { ", published \(LondonTime.date($0))" } ?? "").")
        if let v = l.questionnaireVersion { background.append("The questionnaire, version \(v).") }
        background.append("The responses received by the deadline, and the evaluators’ score sheets, declarations of interest and the moderation record (exempt: paragraph 3).")
        return CommitteeReport(
            council: l.council, title: d.title, meeting: d.meeting, meetingDate: Day(iso: d.meetingDate),
            author: "Report of \(d.author)", access: .init(paragraph: d.paragraph),
            recommendations: Reports.lines(d.recommendations), summary: Reports.paragraphs(d.summary),
            sections: [
                .init(heading: "How the responses were evaluated", body: method(l)),
                .init(heading: "The objectives, their weights and other weightings", body: weights(l)),
                .init(heading: "Conditions every acceptable proposal must meet", body: conditions(l)),
                .init(heading: "What the market said", body: market(l)),
                .init(heading: "How the proposals rank", body: ranking(l)),
                .init(heading: "How much the ranking depends on the weights", body: sensitivity(l)),
                .init(heading: "Shortlist and interviews", body: interviews(l)),
            ],
            background: background, facts: Reports.facts(of: d), status: status)
    }

    static func method(_ l: Loaded) -> HTML {
        let e = l.exercise, c = l.results.criteria
        let scale = c.scale.map { "<li>\(String($0.score)) – \($0.label): \($0.descriptor)</li>" as HTML }
        return """
            <p>\(e.title) (\(e.reference)) was preliminary market engagement: it is not in any way part of a selection or tendering process.
              \(e.responseDeadline.map { "Responses were due by \(LondonTime.dateTime($0))." } ?? "")
              \(e.openedAt.map { opened in
                  let who = l.openings.map(\.officerName)
                  return "They were opened on \(LondonTime.date(opened))\(who.isEmpty ? "" : " on the confirmation of \(who.joined(separator: " and "))"), and the objectives and their weights were frozen then."
              } ?? "")</p>
            <p>\(String(l.evaluators)) \(l.evaluators == 1 ? "evaluator" : "evaluators") and \(String(l.moderators)) \(l.moderators == 1 ? "moderator" : "moderators") sat on the panel.
              Before reading any response, each evaluator declared any conflict of interest with each organisation that responded;
              \(l.conflicts == 0 ? "none was declared." : "\(l.conflicts) \(l.conflicts == 1 ? "conflict was" : "conflicts were") declared, and no evaluator saw or scored a response they declared a conflict with.")</p>
            <p>Each evaluator scored each response against each objective on this scale, with a reason for every score, and submitted all their scores before seeing anyone else’s.
              Where the evaluators’ scores differed by \(String(c.spreadFlag)) points or more the difference was flagged\(l.results.final
                ? ", and the moderator agreed each score with its reason" : "; the moderator has not yet agreed every score").</p>
            <ul class="report__list">\(scale)</ul>
            """
    }

    static func weights(_ l: Loaded) -> HTML {
        let r = l.results, c = r.criteria, total = c.totalWeight
        let rows = c.criteria.map { x -> [HTML] in ["\(x.numeral)", "\(x.title)", "\(Weight.format(x.weight))", "\(Weight.share(x.weight, of: total))"] }
        var out: HTML = """
            \(Component.table(caption: "The objectives and the weights frozen for this exercise", headers: ["Number", "Objective", "Weight", "Share"], rows: rows, numericColumns: [2, 3]))
            \(c.changedAt.map { "<p>The weights were changed on \(LondonTime.date($0)): \(c.changeReason)</p>" as HTML } ?? .empty)
            """
        if l.scenarios.isEmpty {
            out = "\(out)<p>No other weighting was tried.</p>"
        } else {
            let rankings = l.scenarios.map { r.ranking($0.weights(for: c)) }
            let described = l.scenarios.map { s -> HTML in
                let w = s.weights(for: c), sum = w.reduce(0, +)
                return "<li><strong>\(s.name)</strong>\(s.description.isEmpty ? .empty : ": \(s.description)" as HTML) (\(zip(c.criteria, w).map { "\($0.numeral) \(Weight.share($1, of: sum))" }.joined(separator: ", ")))</li>"
            }
            let rows = r.rows.indices.map { i -> [HTML] in
                ["\(r.rows[i].name)", "\(r.rows[i].rank.map(String.init) ?? "–")"] + rankings.map { ResultsPages.move(from: r.rows[i].rank, to: $0[i].rank) }
            }
            out = """
                \(out)
                <p>The ranking was also worked out under other weightings:</p>
                <ul class="report__list">\(described)</ul>
                \(Component.table(caption: "Rank under each weighting", headers: ["Organisation", "Frozen weights"] + l.scenarios.map(\.name), rows: rows,
                                  numericColumns: Set(1..<(l.scenarios.count + 2))))
                """
        }
        return out
    }

    static func conditions(_ l: Loaded) -> HTML {
        let rows = l.results.rows
        let questions = Dictionary(rows.flatMap(\.conditions).map { ($0.question.id, $0.question.text) }) { a, _ in a }
        guard !questions.isEmpty else { return "<p>No question of the questionnaire was marked as a condition.</p>" }
        let open = rows.filter { $0.conditions.contains { $0.state != .met } }
        let list = open.map { row -> HTML in
            let failing = row.conditions.filter { $0.state != .met }.map { o -> String in
                "\(o.question.text): \(o.state == .failed ? "not met" : "not yet judged")\(o.kept.isEmpty ? "" : "; kept in the ranking because \(o.kept)")"
            }
            return "<li><strong>\(row.name)</strong>: \(failing.joined(separator: "; ")).\(row.excluded ? " Left out of the ranking." : "")</li>"
        }
        return """
            <p>Every acceptable proposal must meet \(questions.count == 1 ? "this condition" : "these conditions"):</p>
            <ul class="report__list">\(questions.values.sorted().map { "<li>\($0)</li>" as HTML })</ul>
            \(open.isEmpty ? "<p>Every response meets every condition.</p>" as HTML : "<ul class=\"report__list\">\(list)</ul>" as HTML)
            """
    }

    /// By lot: who showed interest, ranked among themselves only (a proposal for one service is
    /// compared on its lot), with the model, investment and jobs each offered. Offers for
    /// different lots are alternatives, so they are never added up.
    static func market(_ l: Loaded) -> HTML {
        let m = l.market
        func money(_ x: Double?) -> String { x.map(MarketSummary.pounds) ?? "Not stated" }
        func range(_ xs: [Double], _ show: (Double) -> String) -> String {
            guard let lo = xs.min(), let hi = xs.max() else { return "none stated" }
            return lo == hi ? show(lo) : "from \(show(lo)) to \(show(hi))"
        }
        var facts: [HTML] = ["<li>\(String(m.responses.count)) \(m.responses.count == 1 ? "organisation" : "organisations") responded.</li>"]
        if m.questions[.model] != nil, !m.models.isEmpty { facts.append("<li>Partnership models proposed: \(m.models.map { "\($0.model) (\($0.count))" }.joined(separator: "; ")).</li>") }
        let lots: [HTML] = m.questions[.lots] == nil ? [] : m.lots.map { lot in
            let rows = lot.responses.sorted { (lot.ranks[$0.organisation] ?? .max, $0.name) < (lot.ranks[$1.organisation] ?? .max, $1.name) }.map { r -> [HTML] in
                ["\(lot.ranks[r.organisation].map(String.init) ?? (r.excluded ? "Left out: fails a condition" : "–"))", "\(r.name)", "\(r.model ?? "Not stated")",
                 "\(money(r.investment))", "\(r.jobs.map(MarketSummary.grouped) ?? "Not stated")"]
            }
            let investments = lot.responses.compactMap(\.investment), jobs = lot.responses.compactMap(\.jobs)
            return """
                <h4 class="report__subheading">\(lot.name): \(String(lot.responses.count)) \(lot.responses.count == 1 ? "organisation" : "organisations")</h4>
                \(rows.isEmpty ? "<p>No organisation showed interest in this lot.</p>" as HTML : """
                    <p>Investment offered \(range(investments, MarketSummary.pounds)); local jobs \(range(jobs, MarketSummary.grouped)).</p>
                    \(Component.table(caption: "\(lot.name): the responses, ranked among themselves", headers: ["Rank on this lot", "Organisation", "Model", "Investment", "Local jobs"],
                                      rows: rows, numericColumns: [0, 3, 4]))
                    """)
                """
        }
        let quotes = m.responses.filter { $0.improvement != nil }.map { r -> HTML in
            "<p><strong>\(r.name)</strong></p><blockquote class=\"report__quote\">\(prose(r.improvement!))</blockquote>"
        }
        return """
            <ul class="report__list">\(facts)</ul>
            \(m.questions[.lots] == nil ? "<p>No question of the questionnaire gave the lots, so the responses are not grouped by lot.</p>" as HTML : "\(lots)")
            \(m.notStated.isEmpty ? .empty : "<p>Not saying which lots: \(m.notStated.map(\.name).joined(separator: ", ")).</p>" as HTML)
            \(quotes.isEmpty ? .empty : "<h4 class=\"report__subheading\">Service improvement, in their words</h4>\(quotes)" as HTML)
            """
    }

    static func ranking(_ l: Loaded) -> HTML {
        let r = l.results, criteria = r.criteria.criteria
        let rows = r.rows.map { row -> [HTML] in
            ["\(row.rank.map(String.init) ?? "–")", "\(row.name)"] + row.values.map { v in "\(v.map(ResultsPages.score) ?? "–")" }
                + ["\(row.total.map(Figures.percent) ?? "–")"]
        }
        let state: String = r.final ? "Every score is agreed by the moderator." : "The scores are provisional: \(r.unagreed) not yet agreed\(r.waiting.isEmpty ? "" : "; not submitted yet: \(r.waiting.joined(separator: ", "))")."
        let excluded = r.rows.filter(\.excluded).map(\.name)
        return """
            <p>These figures are evidence of which proposals best meet the council’s objectives; they select no supplier. \(state)
              The weighted total is the share of the best possible (every objective scored \(String(Int(Results.best)))).</p>
            \(Component.table(caption: "Scores, weighted totals and ranks with the frozen weights", headers: ["Rank", "Organisation"] + criteria.map(\.numeral) + ["Total"],
                              rows: rows, numericColumns: Set(0..<(criteria.count + 3)).subtracting([1])))
            \(excluded.isEmpty ? .empty : "<p>Left out of the ranking for failing a condition: \(excluded.joined(separator: ", ")).</p>" as HTML)
            """
    }

    static func sensitivity(_ l: Loaded) -> HTML {
        guard let run = l.run, let result = run.result, let settings = run.settings else {
            return "<p>No analysis of how the ranking depends on the weights has been run on the final scores.</p>"
        }
        let ranks = min(3, result.organisations.count)
        let rows = result.organisations.indices.map { i -> [HTML] in
            ["\(result.organisations[i].name)"] + (0..<ranks).map { "\(Sensitivity.percent(result.rankAcceptability[i][$0]))" }
                + ["\(Sensitivity.percent(result.holistic[i]))"]
        }
        return """
            <p>The Board gave some objectives more weight without saying exactly how much. The analysis (SMAA-2, Lahdelma and Salminen 2001) drew
              \(result.samples.formatted()) weightings from what the Board’s decision allows and ranked the proposals under each.
              Analysis \(String(run.number)) was run on \(LondonTime.date(run.runAt)), on the final scores.</p>
            <p>What was known about the weights:</p>
            <ul class="report__list">\(settings.sentences(l.results.criteria, weights: result.weights).map { "<li>\($0)</li>" as HTML })</ul>
            <ul class="report__list">\(Sensitivity.sentences(result, uncertainty: settings.uncertainty).map { "<li>\($0)</li>" as HTML })</ul>
            \(result.leftOut.isEmpty ? .empty : "<p>Left out of the analysis: \(result.leftOut.joined(separator: "; ")).</p>" as HTML)
            \(Component.table(caption: "How often each proposal takes the first ranks", headers: ["Organisation"] + (1...ranks).map { $0 == 1 ? "Best" : "Rank \($0)" } + ["Holistic"],
                              rows: rows, numericColumns: Set(1...(ranks + 1))))
            """
    }

    static func interviews(_ l: Loaded) -> HTML {
        let names = Dictionary(l.results.rows.map { ($0.organisation, $0.name) }) { a, _ in a }
        guard !l.shortlist.isEmpty else { return "<p>No organisation has been shortlisted for interview.</p>" }
        let listed = l.shortlist.map { s -> HTML in
            let name = names[s.$organisation.id] ?? "An organisation"
            return "<li>\(name)\(s.reason.isEmpty ? "" : ": \(s.reason)")</li>"
        }
        let rows = l.interviews.map { i -> [HTML] in
            ["\(names[i.$organisation.id] ?? "")", "\(LondonTime.dateTime(i.startsAt))", "\(i.place)", "\(i.outcome?.label ?? "Not yet recorded")"]
        }
        return """
            <p>\(String(l.shortlist.count)) \(l.shortlist.count == 1 ? "organisation was" : "organisations were") shortlisted for interview:</p>
            <ul class="report__list">\(listed)</ul>
            \(rows.isEmpty ? "<p>No interview has been scheduled.</p>" as HTML
                : Component.table(caption: "Interviews", headers: ["Organisation", "When", "Where", "Outcome"], rows: rows))
            """
    }
}
