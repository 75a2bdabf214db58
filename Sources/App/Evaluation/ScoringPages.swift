import Vapor

/// The pages of scoring and moderation, and the officer's criteria page, from plain values.
enum ScoringPages {
    struct Overview: Sendable {
        struct Row: Sendable { var id: UUID; var name: String; var scored: Int }
        var exerciseID: UUID; var reference: String; var title: String
        var criteria: Criteria
        var rows: [Row]
        var hidden: Int
        var submittedAt: Date?
        var missing: Int
        var problem: String?
    }

    static func weightShare(_ c: Criteria.Criterion, _ all: Criteria) -> String { Weight.share(c.weight, of: all.totalWeight) }

    /// Radios for a score on the scale: the first radio takes the field's name as its id, so
    /// that the error summary's link lands on it.
    static func scaleRadios(_ name: String, legend: String, scale: [Criteria.Level], selected: String?, error: String?) -> HTML {
        let radios = scale.enumerated().map { i, level -> HTML in
            let id = i == 0 ? name : "\(name)-\(level.score)"
            return """
            <div class="checkbox"><input type="radio" id="\(id)" name="\(name)" value="\(level.score)" aria-describedby="\(id)-hint"\("checked", when: selected == String(level.score))><label for="\(id)">\(level.score): \(level.label)</label>
            <div id="\(id)-hint" class="hint">\(level.descriptor)</div></div>
            """
        }
        return """
            <div class="form-group\(error == nil ? "" : " form-group--error")">
              <fieldset class="fieldset"\(error == nil ? .empty : " aria-describedby=\"\(name)-error\"" as HTML)>
                <legend class="fieldset__legend">\(legend)</legend>
                \(error.map { "<p id=\"\(name)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                \(radios)
              </fieldset>
            </div>
            """
    }

    static func overview(_ m: Overview, csrf: String, status: HTTPResponseStatus = .ok) -> Page {
        let id = m.exerciseID, total = m.criteria.criteria.count
        let rows = m.rows.map { r -> [HTML] in
            let done = r.scored == total
            return [
                "\(r.name)",
                done ? "\(Component.tag("All \(total) scored", "green"))" : "\(r.scored) of \(total)",
                "<a class=\"link\" href=\"\(SiteURL.scoreSheet(.value(id), .value(r.id.lowercasedString)).path)\">\(m.submittedAt == nil ? "Score" : "Read your scores")<span class=\"visually-hidden\"> for \(r.name)</span></a>",
            ]
        }
        let hidden: HTML = m.hidden == 0 ? .empty
            : "<p class=\"body\">\(m.hidden == 1 ? "One response is" : "\(m.hidden) responses are") kept from you because you declared a conflict of interest.</p>"
        let submit: HTML
        if let at = m.submittedAt {
            submit = """
                <div class="inset-text">You submitted your scores \(ExercisePages.time(at)). They are locked.
                  <a class="link" href="\(SiteURL.everyonesScores(.value(id)).path)">Read every evaluator’s submitted scores</a></div>
                """
        } else if m.rows.isEmpty {
            submit = .empty
        } else {
            submit = """
                <h2 class="heading-m" id="submit">Submit your scores</h2>
                \(m.problem.map { "<p class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                <p class="body">\(m.missing == 0 ? "Every response is scored against every objective." : "\(m.missing) \(m.missing == 1 ? "score is" : "scores are") still to give.")
                  Once you submit, your scores are locked, and you can read the other evaluators’ submitted scores.</p>
                \(Component.actionForm(.scoringSubmission(.value(id)), csrf: csrf, label: "Submit all your scores"))
                """
        }
        var errors = FormErrors()
        if let problem = m.problem { errors.add("submit", problem) }
        return Page(title: "Score the responses", breadcrumbs: [("Evaluation", .evaluate)], body: """
            \(Component.errorSummary(errors))
            <span class="caption">\(m.reference)</span>
            <h1 class="heading-l">Score the responses</h1>
            <p class="body">Score each response against each objective on your own, from what the organisation’s answers show,
              and say why. Nobody else sees your scores until you submit them, and you see nobody else’s until then.</p>
            \(hidden)
            \(m.rows.isEmpty ? "<p class=\"body\">There is no response for you to score.</p>" as HTML
                : Component.table(caption: "Responses to score", headers: ["Organisation", "Objectives scored", "Action"], rows: rows))
            \(criteriaTable(m.criteria))
            \(submit)
            """, status: status, hasErrors: m.problem != nil)
    }

    static func criteriaTable(_ c: Criteria) -> HTML {
        Component.table(caption: "The objectives and their weights", headers: ["Objective", "Weight", "Share"],
                        rows: c.criteria.map { ["\($0.numeral). \($0.title)", "\(Weight.format($0.weight))", "\(weightShare($0, c))"] },
                        numericColumns: [1, 2])
    }

    /// One response's sheet: each objective with the answers linked to it, the scale, and the
    /// evaluator's score and rationale (read-only once submitted).
    static func sheet(exerciseID: UUID, reference: String, organisation: SupplierOrganisation, criteria: Criteria,
                      evidence: Scoring.Evidence, locked: Bool, sheet: ScoreSheet?, _ f: FormState) -> Page {
        let organisationID = organisation.id!.lowercasedString
        let fileURL: (FileAnswer) -> SiteURL = { .scoreSheetFile(.value(exerciseID), .value(organisationID), .value($0.sha256)) }
        let items = criteria.criteria.map { c -> HTML in
            let linked = evidence.linked(c.number)
            let answers: HTML = linked.isEmpty
                ? "<p class=\"body secondary-text\">No question was linked to this objective: judge it from the response as a whole, below.</p>"
                : "\(linked.map { q in "<h4 class=\"heading-s\">\(q.text)</h4><div class=\"body\">\(RespondPages.shown(evidence.answers[q.id], file: fileURL))</div>" as HTML })"
            let n = c.number
            let scoring: HTML
            if locked {
                let mark = sheet?.mark(n)
                let level = mark.flatMap { m in criteria.scale.first { $0.score == m.score } }
                scoring = Component.summaryList([
                    .init(key: "Your score", value: mark.map { "\($0.score)\(level.map { ": \($0.label)" } ?? "")" } ?? "Not scored"),
                    .init(key: "Your rationale", value: mark.map { prose($0.rationale) } ?? .empty),
                ])
            } else {
                scoring = """
                    \(scaleRadios(SheetForm.scoreField(n), legend: "Your score for objective \(c.numeral)", scale: criteria.scale,
                                  selected: f.input[SheetForm.scoreField(n)], error: f.errors[SheetForm.scoreField(n)]))
                    \(Component.textarea(Scoring.form.textField(n), label: Scoring.form.textLabel(c), value: f.input[Scoring.form.textField(n)],
                                         error: f.errors[Scoring.form.textField(n)], hint: "What in the answers supports the score.", rows: 4))
                    """
            }
            return """
                <section aria-labelledby="objective-\(n)">
                  <h2 class="heading-m" id="objective-\(n)">\(c.numeral). \(c.title) <span class="secondary-text">(weight \(weightShare(c, criteria)))</span></h2>
                  <h3 class="heading-s">What the answers say</h3>
                  <div class="inset-text">\(answers)</div>
                  \(scoring)
                </section>
                """
        }
        let whole = evidence.questions.map { q -> HTML in
            "<h3 class=\"heading-s\">\(q.text)</h3><div class=\"body\">\(RespondPages.shown(evidence.answers[q.id], file: fileURL))</div>"
        }
        let body: HTML = locked ? "\(items)" : """
            <form method="post" action="\(SiteURL.scoreSheet(.value(exerciseID), .value(organisation.id!.lowercasedString)).path)" novalidate>
              \(Component.csrf(f.csrf))\(Component.version(f.input))
              \(items)
              \(Component.button("Save your scores"))
            </form>
            """
        return Page(title: "Score \(organisation.name)", breadcrumbs: [("Evaluation", .evaluate), (reference, .scoring(.value(exerciseID)))], body: """
            \(Component.errorSummary(f.errors))
            <span class="caption">\(reference) · receipt \(evidence.receipt)</span>
            <h1 class="heading-l">\(organisation.name)</h1>
            \(f.errors["version"].map { "<p class=\"error-message\" id=\"version\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
            <p class="body">\(locked ? "Your scores are submitted and locked." : "Leave an objective blank until you are ready to score it. Each score needs its rationale.")</p>
            \(body)
            <h2 class="heading-m">The whole response</h2>
            \(whole)
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }

    /// Every submitted evaluator's scores side by side, a table a response.
    static func everyone(exerciseID: UUID, reference: String, criteria: Criteria, organisations: [SupplierOrganisation],
                         submitted: Scoring.Submitted, hidden: Int) -> Page {
        let evaluators = submitted.evaluators.filter { $0.submittedAt != nil }
        let waiting = submitted.evaluators.filter { $0.submittedAt == nil }.map(\.name)
        let tables = organisations.map { o -> HTML in
            let rows = criteria.criteria.map { c -> [HTML] in
                let marks = Dictionary(submitted.marks(o.id!, c.number).map { ($0.0.id, $0.1) }) { a, _ in a }
                return ["\(c.numeral)"] + evaluators.map { e -> HTML in
                    marks[e.id].map { "<strong>\($0.score)</strong> \(prose($0.rationale))" } ?? "–"
                } + ["\(submitted.spread(o.id!, c.number).map(String.init) ?? "–")"]
            }
            return """
                <h2 class="heading-m">\(o.name)</h2>
                \(Component.table(caption: "Submitted scores for \(o.name)", headers: ["Objective"] + evaluators.map(\.name) + ["Spread"], rows: rows))
                """
        }
        return Page(title: "Every evaluator’s scores", breadcrumbs: [("Evaluation", .evaluate), (reference, .scoring(.value(exerciseID)))], body: """
            <span class="caption">\(reference)</span>
            <h1 class="heading-l">Every evaluator’s scores</h1>
            <p class="body">The scores each evaluator submitted, with their rationales. The moderator agrees a score for each objective where they differ.</p>
            \(waiting.isEmpty ? .empty : "<p class=\"body\">Not submitted yet: \(waiting.joined(separator: ", ")).</p>" as HTML)
            \(hidden == 0 ? .empty : "<p class=\"body\">Responses you declared a conflict with are not shown.</p>" as HTML)
            \(tables)
            """)
    }

    // MARK: Moderation

    struct ModerationRow: Sendable { var id: UUID; var name: String; var flagged: Int; var moderated: Int }

    static func moderation(exerciseID: UUID, reference: String, criteria: Criteria, rows: [ModerationRow], waiting: [String]) -> Page {
        let total = criteria.criteria.count
        let table = rows.map { r -> [HTML] in
            [
                "\(r.name)",
                r.flagged == 0 ? "None" : "\(Component.tag("\(r.flagged) flagged", "red"))",
                r.moderated == total ? "\(Component.tag("All \(total) agreed", "green"))" : "\(r.moderated) of \(total)",
                "<a class=\"link\" href=\"\(SiteURL.moderationSheet(.value(exerciseID), .value(r.id.lowercasedString)).path)\">Moderate<span class=\"visually-hidden\"> \(r.name)</span></a>",
            ]
        }
        return Page(title: "Moderation", breadcrumbs: [("Evaluation", .evaluate)], body: """
            <span class="caption">\(reference)</span>
            <h1 class="heading-l">Moderation</h1>
            <p class="body">For each response, read the evaluators’ submitted scores side by side and record the score the panel agrees for
              each objective, with the reason. A spread of \(criteria.spreadFlag) points or more between evaluators is flagged.
              The evaluators’ own scores are kept as they submitted them.</p>
            \(waiting.isEmpty ? "<p class=\"body\">Every evaluator has submitted their scores.</p>" as HTML
                : "<p class=\"body\">Not submitted yet: \(waiting.joined(separator: ", ")). Their scores appear here once they submit.</p>" as HTML)
            \(rows.isEmpty ? "<p class=\"body\">No organisation’s response counts in this exercise.</p>" as HTML
                : Component.table(caption: "Responses to moderate", headers: ["Organisation", "Spreads flagged", "Agreed", "Action"], rows: table))
            """)
    }

    static func conditionState(_ o: Conditions.Outcome) -> HTML {
        switch o.state {
        case .met: return Component.tag("Met", "green")
        case .unjudged: return Component.tag("Not yet judged", "yellow")
        case .failed: return o.kept.isEmpty ? Component.tag("Not met: left out of the ranking", "red")
            : "\(Component.tag("Not met", "red")) Stays in the ranking: \(o.kept)"
        }
    }

    static func moderationSheet(exerciseID: UUID, reference: String, organisation: SupplierOrganisation, criteria: Criteria,
                                submitted: Scoring.Submitted, _ f: FormState, conditions: [Conditions.Outcome], _ g: FormState) -> Page {
        let o = organisation.id!
        let items = criteria.criteria.map { c -> HTML in
            let n = c.number, marks = submitted.marks(o, n), spread = submitted.spread(o, n)
            let flag: HTML = spread.map { $0 >= criteria.spreadFlag
                ? "<p class=\"body\">\(Component.tag("Spread of \($0) points", "red")) The evaluators differ by \(criteria.spreadFlag) points or more: discuss before agreeing.</p>"
                : "<p class=\"body\">Spread of \($0) \($0 == 1 ? "point" : "points").</p>" } ?? "<p class=\"body\">No evaluator has submitted a score for this yet.</p>"
            let table: HTML = marks.isEmpty ? .empty
                : Component.table(caption: "Evaluators’ scores for objective \(c.numeral)", headers: ["Evaluator", "Score", "Rationale"],
                                  rows: marks.map { ["\($0.0.name)", "\($0.1.score)", prose($0.1.rationale)] }, numericColumns: [1])
            return """
                <section aria-labelledby="objective-\(n)">
                  <h2 class="heading-m" id="objective-\(n)">\(c.numeral). \(c.title) <span class="secondary-text">(weight \(weightShare(c, criteria)))</span></h2>
                  \(table)
                  \(flag)
                  \(scaleRadios(SheetForm.scoreField(n), legend: "Agreed score for objective \(c.numeral)", scale: criteria.scale,
                                selected: f.input[SheetForm.scoreField(n)], error: f.errors[SheetForm.scoreField(n)]))
                  \(Component.textarea(ModerationController.form.textField(n), label: ModerationController.form.textLabel(c),
                                       value: f.input[ModerationController.form.textField(n)], error: f.errors[ModerationController.form.textField(n)], rows: 3))
                </section>
                """
        }
        let conditionItems = conditions.map { c -> HTML in
            let met = Conditions.metField(c.question.id), keep = Conditions.keepField(c.question.id), error = g.errors[met]
            let radios = [("yes", "Met", met), ("no", "Not met", "\(met)-no")].map { value, text, radioID -> HTML in
                "<div class=\"checkbox\"><input type=\"radio\" id=\"\(radioID)\" name=\"\(met)\" value=\"\(value)\"\("checked", when: g.input[met] == value)><label for=\"\(radioID)\">\(text)</label></div>"
            }
            return """
                <h3 class="heading-s">\(c.question.text)</h3>
                <div class="inset-text">\(RespondPages.shown(c.answer))</div>
                <p class="body">Now: \(conditionState(c))\(c.judged || c.state == .unjudged ? .empty : " (from the yes-or-no answer)" as HTML)</p>
                <div class="form-group\(error == nil ? "" : " form-group--error")">
                  <fieldset class="fieldset"\(error == nil ? .empty : " aria-describedby=\"\(met)-error\"" as HTML)>
                    <legend class="fieldset__legend">Does \(organisation.name) meet this condition?</legend>
                    \(error.map { "<p id=\"\(met)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                    \(radios)
                  </fieldset>
                </div>
                \(Component.textarea(keep, label: "If it is not met, why the response stays in the ranking", value: g.input[keep], error: g.errors[keep],
                                     hint: "Leave blank to leave it out of the ranking.", rows: 2))
                """
        }
        let conditionsSection: HTML = conditions.isEmpty ? .empty : """
            <h2 class="heading-m" id="conditions">Conditions</h2>
            <p class="body">Every acceptable proposal must meet these. A response that fails one is left out of the ranking unless you record why it stays.</p>
            <form method="post" action="\(SiteURL.moderationConditions(.value(exerciseID), .value(organisation.id!.lowercasedString)).path)" novalidate>
              \(Component.csrf(g.csrf))
              \(conditionItems)
              \(Component.button("Save the judgements", secondary: true))
            </form>
            """
        var errors = FormErrors()
        for item in f.errors.items + g.errors.items { errors.add(item.field, item.message) }
        return Page(title: "Moderate \(organisation.name)", breadcrumbs: [("Evaluation", .evaluate), ("Moderation", .moderation(.value(exerciseID)))], body: """
            \(Component.errorSummary(errors))
            <span class="caption">\(reference)</span>
            <h1 class="heading-l">\(organisation.name)</h1>
            \(f.errors["version"].map { "<p class=\"error-message\" id=\"version\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
            <p class="body">Leave an objective blank until the panel has agreed it. Each agreed score needs its reason.</p>
            <form method="post" action="\(SiteURL.moderationSheet(.value(exerciseID), .value(o.lowercasedString)).path)" novalidate>
              \(Component.csrf(f.csrf))\(Component.version(f.input))
              \(items)
              \(Component.button("Save the agreed scores"))
            </form>
            \(conditionsSection)
            """, status: g.status != .ok ? g.status : f.status, hasErrors: !errors.isEmpty)
    }
}

/// The officer's criteria page.
enum CriteriaPages {
    static func criteria(_ e: Exercise, _ c: Criteria?, scoringStarted: Bool, scale: FormState, weights: FormState) -> Page {
        let id = e.id!
        let crumbs: [(String, SiteURL)] = [("Exercises", .exercises), (e.reference, .exercise(.value(id)))]
        guard let c else {
            return Page(title: "Evaluation criteria", breadcrumbs: crumbs, body: """
                <span class="caption">\(e.reference)</span>
                <h1 class="heading-l">Evaluation criteria</h1>
                <p class="body">The council’s objectives and their weights become this exercise’s criteria when two officers open the responses.
                  Until then they can change on the objectives page.</p>
                """)
        }
        var errors = FormErrors()
        for item in scale.errors.items + weights.errors.items { errors.add(item.field, item.message) }
        let weightFields = c.criteria.map { x -> HTML in
            Component.input(CriteriaController.weight(x.number).name, label: "\(x.numeral). \(x.title)", value: weights.input["weight-\(x.number)"],
                            error: weights.errors["weight-\(x.number)"], width: "4")
        }
        let changed: HTML = c.changedAt.map { at in
            "<p class=\"body\">The weights were last changed \(ExercisePages.time(at)): \(c.changeReason)</p>"
        } ?? "<p class=\"body\">The weights are as they were frozen \(ExercisePages.time(c.frozenAt)), when the responses were opened.</p>"
        let scaleSection: HTML
        if scoringStarted {
            scaleSection = """
                <p class="body">Scoring has started, so the scale and the spread flag are fixed. The moderator is shown a spread of
                  \(c.spreadFlag) points or more between evaluators as a flag.</p>
                \(Component.table(caption: "The scoring scale", headers: ["Score", "Name", "What it means"],
                                  rows: c.scale.map { ["\($0.score)", "\($0.label)", "\($0.descriptor)"] }, numericColumns: [0]))
                """
        } else {
            let levels = c.scale.map { l -> HTML in
                """
                <fieldset class="fieldset">
                  <legend class="fieldset__legend">Score \(l.score)</legend>
                  \(Component.input(CriteriaController.label(l.score).name, label: "Name", value: scale.input["label-\(l.score)"], error: scale.errors["label-\(l.score)"]))
                  \(Component.textarea(CriteriaController.descriptor(l.score).name, label: "What it means", value: scale.input["descriptor-\(l.score)"],
                                       error: scale.errors["descriptor-\(l.score)"], rows: 2))
                </fieldset>
                """
            }
            scaleSection = """
                <p class="body">Until the first score is recorded you can reword the scale and set the spread the moderator is shown as a flag.</p>
                <form method="post" action="\(SiteURL.evaluationScale(.value(id)).path)" novalidate>
                  \(Component.csrf(scale.csrf))\(Component.version(scale.input))
                  \(levels)
                  \(Component.input(CriteriaController.spreadFlag.name, label: "Flag a spread between evaluators of at least (points)", value: scale.input["spreadFlag"],
                                    error: scale.errors["spreadFlag"], width: "2"))
                  \(Component.button("Save the scale"))
                </form>
                """
        }
        return Page(title: "Evaluation criteria", breadcrumbs: crumbs, body: """
            \(Component.errorSummary(errors))
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Evaluation criteria</h1>
            \(errors["version"].map { "<p class=\"error-message\" id=\"version\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
            <p class="body">The responses are scored against the council’s objectives, with the weights they had when the responses were opened.</p>
            \(changed)
            \(ScoringPages.criteriaTable(c))
            <h2 class="heading-m">Change the weights</h2>
            <p class="body">A change of the weights after the opening is a decision: say who made it and why. It is recorded in the audit trail.</p>
            <form method="post" action="\(SiteURL.evaluationWeights(.value(id)).path)" novalidate>
              \(Component.csrf(weights.csrf))\(Component.version(weights.input))
              \(weightFields)
              \(Component.textarea(CriteriaController.reason.name, label: "Why the weights change", value: weights.input["reason"], error: weights.errors["reason"],
                                   hint: "For example: Project Board, 12 May 2003, gave regeneration more weight.", rows: 3))
              \(Component.button("Change the weights"))
            </form>
            <h2 class="heading-m">The scoring scale</h2>
            \(scaleSection)
            """, status: scale.status != .ok ? scale.status : weights.status, hasErrors: !errors.isEmpty)
    }
}
