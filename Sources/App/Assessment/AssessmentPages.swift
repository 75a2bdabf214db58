import Foundation
import Vapor

/// The service assessment's pages, from plain values.
enum AssessmentPages {
    static let crumbs: [(String, SiteURL)] = [("Manage", .manage), ("Service assessment", .assessment)]

    static func one(_ x: Double) -> String { String(format: "%.2f", x).replacingOccurrences(of: ".00", with: "").replacingOccurrences(of: #"(\.\d)0$"#, with: "$1", options: .regularExpression) }

    /// The two-by-two as an SVG drawn on the server: importance up, readiness across, the middle
    /// lines at 3, each assessed service a numbered dot. The table after it says the same in
    /// words, so the chart is an image with a summary, and every number is in the table.
    static func chart(_ placed: [(number: Int, name: String, position: Assessment.Position)]) -> HTML {
        // The frame is 320 units square, from (50, 60); the quadrants' names are above and below it.
        let left = 50.0, top = 60.0, span = 320.0, inset = 14.0, width = 400.0, height = 450.0
        func x(_ r: Double) -> Double { left + inset + (r - 1) / 4 * (span - 2 * inset) }
        func y(_ i: Double) -> Double { top + span - inset - (i - 1) / 4 * (span - 2 * inset) }
        func f(_ v: Double) -> String { Figures.oneDecimal(v) }
        // Dots at the same place are set evenly round a ring about it, so each stays readable.
        func spot(_ p: Assessment.Position) -> String { "\(p.importance)/\(p.readiness)" }
        let sharing = Dictionary(grouping: placed, by: { spot($0.position) }).mapValues(\.count)
        var seen: [String: Int] = [:]
        let dots = placed.map { p -> HTML in
            let here = spot(p.position), k = seen[here, default: 0], n = sharing[here] ?? 1
            seen[here] = k + 1
            let angle = 2 * Double.pi * Double(k) / Double(n) - Double.pi / 2, radius = n == 1 ? 0.0 : 17.0
            let cx = x(p.position.readiness) + radius * cos(angle), cy = y(p.position.importance) + radius * sin(angle)
            return """
                <g><title>\(String(p.number)). \(p.name): importance \(one(p.position.importance)), readiness \(one(p.position.readiness))</title>\
                <circle cx="\(f(cx))" cy="\(f(cy))" r="8" class="chart__dot"></circle>\
                <text x="\(f(cx))" y="\(f(cy + 3.5))" class="chart__number">\(String(p.number))</text></g>
                """
        }
        let counts = Dictionary(grouping: placed, by: \.position.quadrant).mapValues(\.count)
        func name(_ q: Assessment.Quadrant, _ first: String, _ second: String, x: Double, y: Double, anchor: String) -> HTML {
            """
            <text x="\(f(x))" y="\(f(y))" text-anchor="\(anchor)" class="chart__quadrant">\(first)</text>\
            <text x="\(f(x))" y="\(f(y + 14))" text-anchor="\(anchor)" class="chart__quadrant">\(second) (\(String(counts[q] ?? 0)))</text>
            """
        }
        let middleX = x(3), middleY = y(3), right = left + span, bottom = top + span
        return """
            <figure class="chart">
              <svg viewBox="0 0 \(String(Int(width))) \(String(Int(height)))" role="img" aria-labelledby="chart-title chart-desc" class="chart__svg">
                <title id="chart-title">Services by importance and readiness for partnership</title>
                <desc id="chart-desc">\(String(placed.count)) services placed by the mean of their answers: \(Assessment.Quadrant.allCases.map { "\($0.label): \(counts[$0] ?? 0)" }.joined(separator: "; ")). The table below lists each.</desc>
                \(name(.importantNotReady, "Important,", "not yet ready", x: left, y: top - 26, anchor: "start"))
                \(name(.importantReady, "Important", "and ready", x: right, y: top - 26, anchor: "end"))
                <rect x="\(f(left))" y="\(f(top))" width="\(f(span))" height="\(f(span))" class="chart__frame"></rect>
                <line x1="\(f(middleX))" y1="\(f(top))" x2="\(f(middleX))" y2="\(f(bottom))" class="chart__middle"></line>
                <line x1="\(f(left))" y1="\(f(middleY))" x2="\(f(right))" y2="\(f(middleY))" class="chart__middle"></line>
                \(name(.lessImportantNotReady, "Less central,", "not ready", x: left, y: bottom + 18, anchor: "start"))
                \(name(.lessImportantReady, "Less central,", "ready", x: right, y: bottom + 18, anchor: "end"))
                <text x="\(f(left + span / 2))" y="\(f(height - 8))" text-anchor="middle" class="chart__axis">Readiness for partnership →</text>
                <text x="20" y="\(f(top + span / 2))" text-anchor="middle" transform="rotate(-90 20 \(f(top + span / 2)))" class="chart__axis">Importance to the council →</text>
                \(dots)
              </svg>
              <figcaption class="chart__caption">Each dot is a service, numbered as in the table; the dashed lines are at 3, the middle of the 1–5 answers.</figcaption>
            </figure>
            """
    }

    static func overview(_ l: AssessmentController.Loaded, _ f: FormState) -> Page {
        let packageOf = l.packageOf
        let numbered = l.rows.enumerated().map { ($0 + 1, $1) }
        let placed = numbered.compactMap { n, r in r.position.map { (number: n, name: r.service.name, position: $0) } }
        let rows = numbered.map { n, r -> [HTML] in
            ["\(String(n))", "<a class=\"link\" href=\"\(SiteURL.assessmentService(.value(r.service.id!)).path)\">\(r.service.name)</a>", "\(r.area)",
             "\(r.position.map { one($0.importance) } ?? "–")", "\(r.position.map { one($0.readiness) } ?? "–")",
             "\(r.position?.quadrant.label ?? (r.assessment == nil ? "Not assessed" : "Not every axis answered"))",
             "\(packageOf[r.service.id!]?.name ?? "–")"]
        }
        let packages: HTML = l.packages.isEmpty ? "<p class=\"body\">No package yet.</p>" : """
            <ul class="list">\(l.packages.map { p in
                "<li><a class=\"link\" href=\"\(SiteURL.assessmentPackage(.value(p.id!)).path)\">\(p.name)</a>: \(p.services.compactMap { l.row($0)?.service.name }.joined(separator: ", "))</li>" as HTML
            })</ul>
            """
        return Page(title: "Service assessment", breadcrumbs: [("Manage", .manage)], body: """
            \(Component.errorSummary(f.errors))
            <h1 class="heading-l">Service assessment</h1>
            <p class="body">Each service’s strengths, weaknesses, opportunities and threats, and its answers to the
              <a class="link" href="\(SiteURL.assessmentFramework.path)">framework’s \(String(l.questions.count)) questions</a>,
              place it by how important it is to the council and how ready it is for partnership. Packages of services for the options appraisal are built from these positions.</p>
            \(placed.isEmpty ? "<p class=\"body\">No service has answers on both axes yet.</p>" as HTML : chart(placed))
            \(Component.table(caption: "Every service’s position", headers: ["No.", "Service", "Service area", "Importance", "Readiness", "Position", "Package"],
                              rows: rows, numericColumns: [0, 3, 4]))
            <h2 class="heading-m">Packages for the options appraisal</h2>
            \(packages)
            <h3 class="heading-s">Make a package</h3>
            <form method="post" action="\(SiteURL.assessmentPackages.path)" novalidate>
              \(Component.csrf(f.csrf))
              \(packageFields(l, f))
              \(Component.button("Make the package"))
            </form>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }

    /// `level` is the heading level of each service area's name in the list.
    static func packageFields(_ l: AssessmentController.Loaded, _ f: FormState, package: ServicePackage? = nil, level: Int = 4) -> HTML {
        let packageOf = l.packageOf
        let byArea = Dictionary(grouping: l.rows, by: \.area)
        let areas = l.rows.map(\.area).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let error = f.errors["services"]
        let groups = areas.map { area -> HTML in
            let boxes = (byArea[area] ?? []).map { r -> HTML in
                let elsewhere = packageOf[r.service.id!].flatMap { $0.id == package?.id ? nil : $0.name }
                return SupplierPages.checkbox("service-\(r.service.id!.lowercasedString)", r.service.name,
                                              checked: f.input["service-\(r.service.id!.lowercasedString)"] == "yes",
                                              hint: [r.position?.quadrant.label, elsewhere.map { "in \($0)" }].compactMap { $0 }.joined(separator: "; ").nilIfEmpty)
            }
            return "<h\(String(level)) class=\"heading-s\">\(area)</h\(String(level))>\(boxes)"
        }
        return """
            \(Component.input(AssessmentController.packageName.name, label: "Name", value: f.input["name"], error: f.errors["name"]))
            \(Component.textarea(AssessmentController.rationale.name, label: "Why these services go together (optional)", value: f.input["rationale"], error: f.errors["rationale"], rows: 3))
            <div id="services" class="form-group\(error == nil ? "" : " form-group--error")">
              <fieldset class="fieldset"\(error == nil ? .empty : " aria-describedby=\"services-error\"" as HTML)>
                <legend class="fieldset__legend">Its services (each in one package at most)</legend>
                \(error.map { "<p id=\"services-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                \(groups)
              </fieldset>
            </div>
            """
    }

    static func framework(_ l: AssessmentController.Loaded, _ f: FormState) -> Page {
        let rows = l.questions.count + AssessmentController.blankRows
        let axes = [(value: "", text: "Choose the axis")] + AssessmentFramework.Axis.allCases.map { (value: $0.rawValue, text: $0.label) }
        let fields = (1...rows).map { i -> HTML in
            """
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Question \(String(i))\(i > l.questions.count ? " (new)" : "")</legend>
              <input type="hidden" name="key-\(String(i))" value="\(f.input["key-\(i)"])">
              \(Component.textarea("text-\(i)", label: "The question", value: f.input["text-\(i)"], error: f.errors["text-\(i)"], hint: i == 1 ? "Clear a question to remove it." : nil, rows: 2))
              \(Component.select("axis-\(i)", label: "The axis its answer feeds", options: axes, selected: f.input["axis-\(i)"], error: f.errors["axis-\(i)"]))
            </fieldset>
            """
        }
        return Page(title: "The framework’s questions", breadcrumbs: crumbs, body: """
            \(Component.errorSummary(f.errors))
            \(f.notice)
            <h1 class="heading-l">The framework’s questions</h1>
            <p class="body">Every service answers these, each from 1 (low) to 5 (high). The mean of its answers on each axis places it on the two-by-two.</p>
            <form method="post" action="\(SiteURL.assessmentFramework.path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.version(f.input))
              \(fields)
              \(Component.button("Save the questions"))
            </form>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }

    static func service(_ l: AssessmentController.Loaded, _ row: AssessmentController.Row, _ f: FormState) -> Page {
        let scores = [(value: "", text: "Not answered")] + Assessment.answerScores.map { (value: String($0), text: $0 == 1 ? "1 (low)" : $0 == 5 ? "5 (high)" : String($0)) }
        let swot = AssessmentController.swot.map { s in
            Component.textarea(s.rule.name, label: s.label, value: f.input[s.rule.name], error: f.errors[s.rule.name], hint: "One point a line.", rows: 4)
        }
        let questions = l.questions.enumerated().map { i, q -> HTML in
            """
            <fieldset class="fieldset">
              <legend class="fieldset__legend">\(String(i + 1)). \(q.text) <span class="secondary-text">(\(q.axis.label))</span></legend>
              \(Component.select("score-\(q.key)", label: "Score", options: scores, selected: f.input["score-\(q.key)"], error: f.errors["score-\(q.key)"]))
              \(Component.textarea("note-\(q.key)", label: "Why (optional)", value: f.input["note-\(q.key)"], error: f.errors["note-\(q.key)"], rows: 2))
            </fieldset>
            """
        }
        return Page(title: "Assess \(row.service.name)", breadcrumbs: crumbs, body: """
            \(Component.errorSummary(f.errors))
            \(f.notice)
            <span class="caption">\(row.area)</span>
            <h1 class="heading-l">\(row.service.name)</h1>
            <p class="body">\(row.position.map { "Now: \($0.quadrant.label) (importance \(one($0.importance)), readiness \(one($0.readiness)))." } ?? "Not placed yet: it needs an answer on each axis.")</p>
            <form method="post" action="\(SiteURL.assessmentService(.value(row.service.id!)).path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.version(f.input))
              <h2 class="heading-m">SWOT</h2>
              \(swot)
              <h2 class="heading-m">The framework’s questions</h2>
              \(l.questions.isEmpty ? "<p class=\"body\">The framework has no questions yet.</p>" as HTML : "\(questions)")
              \(Component.button("Save the assessment"))
            </form>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }

    static func optionFields(_ objectives: [Objective], _ f: FormState) -> HTML {
        let scale = Criteria.defaultScale
        let marks = objectives.map { o -> HTML in
            let numeral = RomanNumeral.string(o.number)
            return """
                <fieldset class="fieldset">
                  <legend class="fieldset__legend">\(numeral). \(o.title) <span class="secondary-text">(weight \(Weight.format(o.weight)))</span></legend>
                  \(ScoringPages.scaleRadios("score-\(o.number)", legend: "The score for objective \(numeral)", scale: scale, selected: f.input["score-\(o.number)"], error: f.errors["score-\(o.number)"]))
                  \(Component.textarea("rationale-\(o.number)", label: "Why", value: f.input["rationale-\(o.number)"], error: f.errors["rationale-\(o.number)"], rows: 2))
                </fieldset>
                """
        }
        return """
            \(Component.input(AssessmentController.model.name, label: "Partnership model", value: f.input["model"], error: f.errors["model"],
                              hint: "For example: Improve in-house, Outsource, Joint venture company, Strategic service partnership"))
            \(Component.textarea(AssessmentController.summary.name, label: "What it would mean for these services (optional)", value: f.input["summary"], error: f.errors["summary"], rows: 3))
            \(marks)
            """
    }

    static func package(_ p: AssessmentController.PackageLoaded, edit: FormState, option: FormState) -> Page {
        let l = p.l, id = p.package.id!
        let weights = l.objectives.map { (number: $0.number, weight: $0.weight) }
        let ranked = Assessment.totals(p.options, weights: weights)
        let order = p.options.indices.sorted { (ranked[$0].rank ?? .max, p.options[$0].model) < (ranked[$1].rank ?? .max, p.options[$1].model) }
        let rows = order.map { i -> [HTML] in
            let o = p.options[i], byNumber = Dictionary(o.marks.map { ($0.criterion, $0.score) }) { a, _ in a }
            return ["\(ranked[i].rank.map(String.init) ?? "–")",
                    "<a class=\"link\" href=\"\(SiteURL.appraisalOption(.value(id), .value(o.id!.lowercasedString)).path)\">\(o.model)</a>"]
                + l.objectives.map { "\(byNumber[$0.number].map(String.init) ?? "–")" }
                + ["\(ranked[i].total.map(Figures.percent) ?? "–")"]
        }
        let appraisal: HTML = p.options.isEmpty ? "<p class=\"body\">No option has been appraised yet.</p>"
            : Component.table(caption: "The options, scored against the objectives, with their weighted totals", headers: ["Rank", "Model"] + l.objectives.map { RomanNumeral.string($0.number) } + ["Total"],
                              rows: rows, numericColumns: Set(0..<(l.objectives.count + 3)).subtracting([1]))
        let reasons = order.map { i -> HTML in
            let o = p.options[i]
            return "<h3 class=\"heading-s\">\(o.model)</h3>\(o.summary.isEmpty ? .empty : "<p class=\"body\">\(o.summary)</p>" as HTML)<ul class=\"list list--bullet\">\(o.marks.map { "<li>\(RomanNumeral.string($0.criterion)) (\(String($0.score))): \($0.rationale)</li>" as HTML })</ul>"
        }
        let market: HTML
        if let first = p.market.first {
            let footing: HTML = first.sameWeights
                ? "the same objectives, weights, scale and method as the options above"
                : "the same objectives, scale and method as the options above, but <strong>not the same weights</strong>: the objectives’ weights have changed since the exercise froze them, so the two sets of totals do not compare exactly"
            market = """
                <p class="body">The responses to \(first.reference) from organisations interested in these services’ areas, with their weighted totals
                  under that exercise’s frozen weights: \(footing).\(first.final ? "" : " The exercise’s scores are still provisional.")
                  Evidence, not a selection of any supplier.</p>
                \(Component.table(caption: "What the market offered for these services", headers: ["Organisation", "Lots", "Model", "Total"],
                                  rows: p.market.sorted { ($0.excluded ? 1 : 0, -($0.total ?? -1)) < ($1.excluded ? 1 : 0, -($1.total ?? -1)) }.map { m in
                                      ["\(m.organisation)", "\(m.lots.joined(separator: ", "))", "\(m.model ?? "Not stated")",
                                       "\(m.total.map(Figures.percent) ?? "–")\(m.excluded ? " (fails a condition)" : "")\(m.final ? "" : " (provisional)")"]
                                  }, numericColumns: [3]))
                """
        } else {
            market = "<p class=\"body\">No opened exercise has a response for these services’ areas.</p>"
        }
        let errors = edit.errors.isEmpty ? option.errors : edit.errors
        return Page(title: p.package.name, breadcrumbs: crumbs, body: """
            \(Component.errorSummary(errors))
            \(edit.notice)
            <span class="caption">Package</span>
            <h1 class="heading-l">\(p.package.name)</h1>
            \(p.package.rationale.isEmpty ? .empty : "<p class=\"body\">\(p.package.rationale)</p>" as HTML)
            <p class="body">Services: \(p.package.services.compactMap { l.row($0)?.service.name }.joined(separator: ", ")).</p>
            <h2 class="heading-m">Options appraisal</h2>
            <p class="body">Each partnership model is scored 0–5 against the council’s objectives, with a reason for each score; the total is the share of
              the best possible with the objectives’ weights, as responses are ranked in an evaluation.</p>
            \(appraisal)
            \(reasons)
            <h2 class="heading-m">What the market said</h2>
            \(market)
            <h2 class="heading-m">Add an option</h2>
            <form method="post" action="\(SiteURL.appraisalOptions(.value(id)).path)" novalidate>
              \(Component.csrf(option.csrf))
              \(optionFields(l.objectives, option))
              \(Component.button("Add the option"))
            </form>
            <h2 class="heading-m">Change the package</h2>
            <form method="post" action="\(SiteURL.assessmentPackage(.value(id)).path)" novalidate>
              \(Component.csrf(edit.csrf))
              \(Component.version(edit.input))
              \(packageFields(l, edit, package: p.package, level: 3))
              \(Component.button("Save the package"))
            </form>
            \(p.options.isEmpty ? Component.actionForm(.removePackage(.value(id)), csrf: edit.csrf, label: "Remove the package", warning: true, version: p.package.version) : .empty)
            """, status: edit.errors.isEmpty ? option.status : edit.status, hasErrors: !errors.isEmpty)
    }

    static func option(_ p: AssessmentController.PackageLoaded, _ o: AppraisalOption, _ f: FormState) -> Page {
        let id = p.package.id!
        return Page(title: o.model, breadcrumbs: crumbs + [(p.package.name, .assessmentPackage(.value(id)))], body: """
            \(Component.errorSummary(f.errors))
            \(f.notice)
            <span class="caption">\(p.package.name)</span>
            <h1 class="heading-l">\(o.model)</h1>
            <form method="post" action="\(SiteURL.appraisalOption(.value(id), .value(o.id!.lowercasedString)).path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.version(f.input))
              \(optionFields(p.l.objectives, f))
              \(Component.button("Save the option"))
            </form>
            \(Component.actionForm(.removeAppraisalOption(.value(id), .value(o.id!.lowercasedString)), csrf: f.csrf, label: "Remove the option", warning: true, version: o.version))
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
