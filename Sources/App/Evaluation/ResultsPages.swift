import Vapor

/// The officer's results and sensitivity pages, from plain values.
enum ResultsPages {
    /// What every results page says of itself: evidence, not a choice of supplier.
    static let evidence: HTML = """
        <p class="body">These figures are evidence of which proposals best meet the council’s objectives. They select no supplier:
          this exercise is preliminary market engagement, not part of any tendering process.</p>
        """

    static func score(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : Figures.oneDecimal(x)
    }

    static func status(_ r: Results) -> HTML {
        let excluded = r.rows.filter(\.excluded).map(\.name)
        let left: String = excluded.isEmpty ? "" : " Left out of the ranking for failing a condition: \(excluded.joined(separator: ", "))."
        if r.final { return "<p class=\"body\">\(Component.tag("Final", "green")) Every evaluator has submitted and every score is agreed.\(left)</p>" }
        var parts: [String] = []
        if !r.waiting.isEmpty { parts.append("Not submitted yet: \(r.waiting.joined(separator: ", ")).") }
        if r.unagreed > 0 { parts.append("\(r.unagreed) \(r.unagreed == 1 ? "score is" : "scores are") not yet agreed by the moderator; the mean of the submitted scores stands in.") }
        return "<p class=\"body\">\(Component.tag("Provisional", "yellow")) \(parts.joined(separator: " "))\(left)</p>"
    }

    static func move(from base: Int?, to rank: Int?) -> HTML {
        guard let base, let rank else { return "–" }
        if rank < base { return "\(rank) <span aria-hidden=\"true\">▲\(base - rank)</span><span class=\"visually-hidden\">, up \(base - rank)</span>" }
        if rank > base { return "\(rank) <span aria-hidden=\"true\">▼\(rank - base)</span><span class=\"visually-hidden\">, down \(rank - base)</span>" }
        return "\(rank) <span class=\"visually-hidden\">, unchanged</span>"
    }

    /// A row's conditions: all met, or each one failed or waiting, and whether it stays ranked.
    static func conditions(_ row: Results.Row) -> HTML {
        let open = row.conditions.filter { $0.state != .met }
        guard !open.isEmpty else { return Component.tag("All met", "green") }
        return "\(open.map { "\(ScoringPages.conditionState($0)) <span class=\"secondary-text\">\($0.question.text)</span>" as HTML }.map { "<p class=\"body\">\($0)</p>" as HTML })"
    }

    static func results(_ e: Exercise, _ r: Results, _ scenarios: [WeightScenario], _ f: FormState) -> Page {
        let id = e.id!, criteria = r.criteria.criteria, hasConditions = r.rows.contains { !$0.conditions.isEmpty }
        let ranking = r.rows.map { row -> [HTML] in
            ["\(row.rank.map(String.init) ?? "–")", "\(row.name)"] + row.values.indices.map { j -> HTML in
                guard let x = row.values[j] else { return "–" }
                return row.agreed[j] ? "\(score(x))" : "\(score(x)) <span class=\"secondary-text\">(mean)</span>"
            } + ["\(row.total.map(Figures.percent) ?? "–")"] + (hasConditions ? [conditions(row)] : [])
        }
        let rankingTable = r.rows.isEmpty ? "<p class=\"body\">No organisation’s response counts in this exercise.</p>" as HTML
            : Component.table(caption: "Weighted totals and ranking, with the frozen weights",
                              headers: ["Rank", "Organisation"] + criteria.map(\.numeral) + ["Weighted total"] + (hasConditions ? ["Conditions"] : []), rows: ranking,
                              numericColumns: Set(0..<(criteria.count + 3)).subtracting([1]))
        let scenarioRankings = scenarios.map { r.ranking($0.weights(for: r.criteria)) }
        let scenarioSection: HTML
        if scenarios.isEmpty {
            scenarioSection = "<p class=\"body\">No scenario yet. Add one below to see how the ranking moves with other weights.</p>"
        } else {
            let described = scenarios.map { s -> HTML in
                let weights = s.weights(for: r.criteria), total = weights.reduce(0, +)
                let shares = zip(criteria, weights).map { "\($0.numeral) \(Weight.share($1, of: total))" }.joined(separator: ", ")
                return """
                    <li><strong>\(s.name)</strong>\(s.description.isEmpty ? .empty : ": \(s.description)" as HTML) <span class="secondary-text">(\(shares))</span>
                    \(Component.actionForm(.removeScenario(.value(id), .value(s.id!.lowercasedString)), csrf: f.csrf, label: "Remove", secondary: true, version: s.version, hidden: s.name))</li>
                    """
            }
            let rows = r.rows.enumerated().map { i, row -> [HTML] in
                ["\(row.name)", "\(row.rank.map(String.init) ?? "–")"] + scenarioRankings.map { move(from: row.rank, to: $0[i].rank) }
            }
            scenarioSection = """
                <ul class="list">\(described)</ul>
                \(Component.table(caption: "Rank under each weighting", headers: ["Organisation", "Frozen weights"] + scenarios.map(\.name), rows: rows,
                                  numericColumns: Set(1..<(scenarios.count + 2))))
                """
        }
        let weightFields = criteria.map { c -> HTML in
            Component.input(CriteriaController.weight(c.number).name, label: "\(c.numeral). \(c.title)", value: f.input["weight-\(c.number)"],
                            error: f.errors["weight-\(c.number)"], width: "4")
        }
        return Page(title: "Results", breadcrumbs: [("Exercises", .exercises), (e.reference, .exercise(.value(id)))], body: """
            \(Component.errorSummary(f.errors))
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Results</h1>
            \(evidence)
            \(status(r))
            <p class="body">Each score is the one the moderator agreed, or until then the mean of the evaluators’ submitted scores.
              The weighted total is the share of the best possible: every objective scored \(Int(Results.best)).
              <a class="link" href="\(SiteURL.sensitivity(.value(id)).path)">How much the ranking depends on the weights (SMAA-2)</a>
              · <a class="link" href="\(SiteURL.market(.value(id)).path)">What the market said</a>
              · <a class="link" href="\(SiteURL.evaluationReport(.value(id)).path)">The evaluation report</a></p>
            \(rankingTable)
            <h2 class="heading-m">Weight scenarios</h2>
            \(scenarioSection)
            <h3 class="heading-s">Add a scenario</h3>
            <form method="post" action="\(SiteURL.scenarios(.value(id)).path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.input("name", label: "Name", value: f.input["name"], error: f.errors["name"], hint: "For example: Regeneration primary"))
              \(Component.textarea("description", label: "What it stands for (optional)", value: f.input["description"], error: f.errors["description"], rows: 2))
              \(weightFields)
              \(Component.button("Add the scenario"))
            </form>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }

    // MARK: Sensitivity

    static func sensitivity(_ e: Exercise, _ r: Results, runs: [SensitivityRun], shown: SensitivityRun?, _ f: FormState) -> Page {
        let id = e.id!, criteria = r.criteria.criteria
        var shownSection: HTML = "<p class=\"body\">No analysis has been run yet.</p>"
        if let run = shown, let result = run.result, let settings = run.settings {
            // Every rank up to ten; beyond, the rest together, so that each row adds up to 100%.
            let m = result.organisations.count, shownRanks = min(m, 10), lower = m > shownRanks
            let acceptability = result.organisations.indices.map { i -> [HTML] in
                ["\(result.organisations[i].name)"] + (0..<shownRanks).map { "\(Sensitivity.percent(result.rankAcceptability[i][$0]))" }
                    + (lower ? ["\(Sensitivity.percent(result.rankAcceptability[i][shownRanks...].reduce(0, +)))"] : [])
                    + ["\(Sensitivity.percent(result.holistic[i]))", "\(result.confidence[i].map(Sensitivity.percent) ?? "–")"]
            }
            let rankHeaders = (1...shownRanks).map { $0 == 1 ? "Best" : "Rank \($0)" } + (lower ? ["Lower"] : [])
            let central = result.organisations.indices.map { i -> [HTML] in
                ["\(result.organisations[i].name)"] + (result.centralWeights[i].map { w in w.map { "\(Sensitivity.percent($0))" as HTML } }
                    ?? criteria.map { _ in "–" })
            }
            let pairwise = result.organisations.indices.map { a -> [HTML] in
                ["\(result.organisations[a].name)"] + result.organisations.indices.map { b -> HTML in a == b ? "–" : "\(Sensitivity.percent(result.pairwise[a][b]))" }
            }
            let sentences = Sensitivity.sentences(result, uncertainty: settings.uncertainty).map { "<li>\($0)</li>" as HTML }
            shownSection = """
                <h2 class="heading-m">Analysis \(run.number)</h2>
                <p class="body">Run \(ExercisePages.time(run.runAt)) by \(run.runBy), over \(result.samples.formatted()) weightings drawn
                  (\(result.method)), seed \(String(result.seed)).\(result.final ? "" : " The scores were still provisional when it ran.") \(settings.uncertainty ? "Each score was taken as uncertain between the lowest and the highest an evaluator gave." : "The scores were taken as they stand.")</p>
                <h3 class="heading-s">What was known about the weights</h3>
                <ul class="list list--bullet">\(settings.sentences(r.criteria, weights: result.weights).map { "<li>\($0)</li>" as HTML })</ul>
                <h3 class="heading-s">In words</h3>
                <ul class="list list--bullet">\(sentences)</ul>
                \(result.leftOut.isEmpty ? .empty : "<p class=\"body\">Left out of the analysis: \(result.leftOut.joined(separator: "; ")).</p>" as HTML)
                \(Component.table(caption: "Rank acceptability: how often each proposal takes each rank", headers: ["Organisation"] + rankHeaders + ["Holistic", "Confidence"],
                                  rows: acceptability, numericColumns: Set(1...(rankHeaders.count + 2))))
                <p class="body">Holistic acceptability weighs every rank, the best most. Confidence is how often the proposal stays best with its
                  central weights (the typical weighting under which it is best), over the uncertainty in the scores.</p>
                \(Component.table(caption: "Central weights: the typical weighting under which each proposal is best", headers: ["Organisation"] + criteria.map(\.numeral),
                                  rows: central, numericColumns: Set(1...criteria.count)))
                \(Component.table(caption: "Pairwise winning: how often the proposal in the row ranks above the one in the column",
                                  headers: ["Organisation"] + result.organisations.map(\.name), rows: pairwise, numericColumns: Set(1...m)))
                """
        }
        let earlier: HTML = runs.count < 2 ? .empty : """
            <h2 class="heading-m">Every analysis</h2>
            <ul class="list">\(runs.map { run in
                "<li><a class=\"link\" href=\"\(SiteURL.sensitivity(.value(id)).path)?run=\(run.number)\">Analysis \(run.number)</a>, \(ExercisePages.time(run.runAt)) by \(run.runBy)</li>" as HTML
            })</ul>
            """
        let basis = [("exact", "Exactly the frozen weights"), ("statements", "Only what the statements below say")].enumerated().map { i, pair -> HTML in
            let radioID = i == 0 ? "basis" : "basis-\(pair.0)"
            return "<div class=\"checkbox\"><input type=\"radio\" id=\"\(radioID)\" name=\"basis\" value=\"\(pair.0)\"\("checked", when: f.input["basis"] == pair.0)><label for=\"\(radioID)\">\(pair.1)</label></div>"
        }
        let options = [(value: "", text: "Choose an objective")] + criteria.map { (value: String($0.number), text: "\($0.numeral). \($0.title)") }
        let ratioRows = ResultsController.ratios.map { k -> HTML in
            """
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Statement \(k)</legend>
              \(Component.select("ratio-\(k)-first", label: "This objective", options: options, selected: f.input["ratio-\(k)-first"], error: f.errors["ratio-\(k)-first"]))
              \(Component.input("ratio-\(k)-factor", label: "weighs at least this many times", value: f.input["ratio-\(k)-factor"], error: f.errors["ratio-\(k)-factor"], width: "3"))
              \(Component.select("ratio-\(k)-second", label: "as this objective", options: options, selected: f.input["ratio-\(k)-second"], error: f.errors["ratio-\(k)-second"]))
            </fieldset>
            """
        }
        let intervals = criteria.map { c -> HTML in
            """
            <fieldset class="fieldset">
              <legend class="fieldset__legend">\(c.numeral). \(c.title)</legend>
              \(Component.input("lower-\(c.number)", label: "At least (%)", value: f.input["lower-\(c.number)"], error: f.errors["lower-\(c.number)"], width: "3"))
              \(Component.input("upper-\(c.number)", label: "At most (%)", value: f.input["upper-\(c.number)"], error: f.errors["upper-\(c.number)"], width: "3"))
            </fieldset>
            """
        }
        let leadingError = f.errors["leading-\(criteria.first?.number ?? 1)"]
        let leading = criteria.map { c in
            SupplierPages.checkbox("leading-\(c.number)", "\(c.numeral). \(c.title)", checked: f.input["leading-\(c.number)"] == "yes")
        }
        return Page(title: "Sensitivity to the weights", breadcrumbs: [("Exercises", .exercises), (e.reference, .exercise(.value(id))), ("Results", .results(.value(id)))], body: """
            \(Component.errorSummary(f.errors))
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Sensitivity to the weights</h1>
            \(ResultsPages.evidence)
            <p class="body">A board rarely agrees exact weights. This analysis (SMAA-2, Lahdelma and Salminen 2001) draws
              \(Sensitivity.samples.formatted()) weightings from everything the council’s decision allows, ranks the proposals under each,
              and counts how often each proposal comes first, second and so on.</p>
            \(shownSection)
            \(earlier)
            <h2 class="heading-m">Run an analysis</h2>
            <form method="post" action="\(SiteURL.sensitivity(.value(id)).path)" novalidate>
              \(Component.csrf(f.csrf))
              <div class="form-group\(f.errors["basis"] == nil ? "" : " form-group--error")">
                <fieldset class="fieldset"\(f.errors["basis"] == nil ? .empty : " aria-describedby=\"basis-error\"" as HTML)>
                  <legend class="fieldset__legend">What the council knows about the weights</legend>
                  \(f.errors["basis"].map { "<p id=\"basis-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                  \(basis)
                </fieldset>
              </div>
              <div id="statements" class="form-group\(f.errors["statements"] == nil ? "" : " form-group--error")">
                \(f.errors["statements"].map { "<p id=\"statements-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                <fieldset class="fieldset"\(leadingError == nil && f.errors["statements"] == nil ? .empty : " aria-describedby=\"\([f.errors["statements"] == nil ? nil : "statements-error", leadingError == nil ? nil : "leading-error"].compactMap { $0 }.joined(separator: " "))\"" as HTML)>
                  <legend class="fieldset__legend">Objectives that each weigh at least as much as any objective not ticked</legend>
                  \(leadingError.map { "<p id=\"leading-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                  \(leading)
                </fieldset>
              </div>
              <h3 class="heading-s">Statements of proportion (optional)</h3>
              <p class="body">For example: regeneration (VI) weighs at least 2 times staff terms (V).</p>
              \(ratioRows)
              <h3 class="heading-s">Shares of the whole weight (optional)</h3>
              \(intervals)
              \(SupplierPages.checkbox("uncertainty", "Take each score as uncertain, between the lowest and highest an evaluator gave", checked: f.input["uncertainty"] == "yes"))
              \(Component.button("Run the analysis"))
            </form>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }
}
