import Foundation

/// The officer's pages for exercises, and the public notice, made from plain values.
enum ExercisePages {
    struct Row: Sendable { var id: UUID; var reference: String; var title: String; var stage: Exercise.Stage; var deadline: Date? }
    struct Extension: Sendable { var from: Date; var to: Date; var reason: String; var at: Date }
    struct Release: Sendable { var number: Int; var at: Date; var summary: String }
    struct ObjectiveName: Sendable { var number: Int; var title: String }

    /// An exercise as its pages show it.
    struct Shown: Sendable {
        var id: UUID
        var version: Int
        var stage: Exercise.Stage
        var notice: NoticeSnapshot
        var extensions: [Extension]
        var releases: [Release]
        var objectives: [ObjectiveName]
        /// When it was read, for what depends on the clock.
        var now: Date
    }

    static func time(_ date: Date?) -> HTML {
        guard let date else { return "Not set" }
        return "<time datetime=\"\(LondonTime.iso(date))\">\(LondonTime.dateTime(date))</time>"
    }

    static func day(_ iso: String?) -> String { iso.flatMap(Day.init(iso:))?.long ?? "Not set" }

    static func window(_ from: String?, _ to: String?) -> String {
        guard let from = from.flatMap(Day.init(iso:)), let to = to.flatMap(Day.init(iso:)) else { return "Not set" }
        return from == to ? from.long : "\(from.long) to \(to.long)"
    }

    // MARK: The officer's list

    static func list(_ rows: [Row]) -> Page {
        let table = rows.isEmpty ? "<p class=\"body\">No exercises yet.</p>" as HTML : Component.table(
            caption: "Exercises", headers: ["Reference", "Title", "Stage", "Response deadline"],
            rows: rows.map { r in [
                "\(r.reference)",
                "<a class=\"link\" href=\"\(SiteURL.exercise(.value(r.id)).path)\">\(r.title)</a>",
                Component.tag(r.stage.label, r.stage.colour),
                time(r.deadline),
            ] })
        return Page(title: "Market engagement exercises", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Market engagement exercises</h1>
            <p class="body">An exercise invites organisations to say how a partnership could help, before any procurement: its notice, what it covers, what it seeks and its key dates.</p>
            <p class="body"><a class="button" href="\(SiteURL.newExercise.path)">Start an exercise</a></p>
            \(table)
            """)
    }

    // MARK: One exercise

    static func lots(_ lots: [NoticeSnapshot.Lot], linkProfiles: Bool) -> HTML {
        guard !lots.isEmpty else { return "<p class=\"body\">No services in scope yet.</p>" }
        return lots.enumerated().map { i, lot -> HTML in
            let items = lot.services.map { s -> HTML in
                let name: HTML = linkProfiles && s.published ? "<a class=\"link\" href=\"\(SiteURL.service(.value(s.slug)).path)\">\(s.name)</a>" : "\(s.name)"
                return "<li>\(name) <span class=\"secondary-text\">(CPV \(s.cpv.isEmpty ? "none yet" : s.cpv.joined(separator: ", ")))</span></li>"
            }
            return """
            <h3 class="heading-s">Lot \(i + 1): \(lot.area)</h3>
            <ul class="list list--bullet">\(items)</ul>
            """
        }.joined()
    }

    static func benefits(_ benefits: [Exercise.Benefit], objectives: [ObjectiveName]) -> HTML {
        guard !benefits.isEmpty else { return "<p class=\"body\">No benefits given yet.</p>" }
        let names = Dictionary(objectives.map { ($0.number, $0.title) }, uniquingKeysWith: { a, _ in a })
        let items = benefits.map { b -> HTML in
            let serves = b.objectives.map { n in "\(RomanNumeral.string(n))" + (names[n].map { " (\($0.hasSuffix(".") ? String($0.dropLast()) : $0))" } ?? "") }
            return "<li>\(b.text) <span class=\"secondary-text\">Serves objective\(b.objectives.count == 1 ? "" : "s") \(serves.joined(separator: "; ")).</span></li>"
        }
        return "<ul class=\"list list--bullet\">\(items)</ul>"
    }

    static func dates(_ n: NoticeSnapshot) -> [Component.Row] {
        [
            .init(key: "Publication", value: n.publishedAt.map { time($0) } ?? "\(day(n.publishOn))"),
            .init(key: "Clarification questions by", value: time(n.clarificationDeadline)),
            .init(key: "Response deadline", value: time(n.responseDeadline)),
            .init(key: "Evaluation", value: "\(window(n.evaluationFrom, n.evaluationTo))"),
            .init(key: "Interviews", value: "\(window(n.interviewFrom, n.interviewTo))"),
            .init(key: "Decision", value: "\(day(n.decisionOn))"),
        ]
    }

    static func extensions(_ extensions: [Extension]) -> HTML {
        guard !extensions.isEmpty else { return .empty }
        return """
        <h2 class="heading-m">Deadline extensions</h2>
        \(Component.table(caption: "Deadline extensions", headers: ["Made", "From", "To", "Reason"], rows: extensions.map {
            [time($0.at), time($0.from), time($0.to), "\($0.reason)"]
        }))
        """
    }

    /// The officer's view of an exercise, with what can be done next. `problems` are what
    /// stopped it being published, each with a link to the page where it is put right.
    static func overview(_ x: Shown, csrf: String, problems: [(field: String, message: String)] = []) -> Page {
        let n = x.notice, id = x.id
        let editable = x.stage == .draft || x.stage == .open
        func change(_ url: SiteURL, _ what: String) -> (String, SiteURL, String)? { editable ? ("Change", url, what) : nil }
        let summary: HTML = problems.isEmpty ? .empty : """
            <div class="error-summary" data-module="error-summary">
              <div role="alert">
                <h2 class="error-summary__title">The notice cannot be published yet</h2>
                <ul class="list error-summary__list">\(problems.map { p -> HTML in
                    let page: SiteURL = p.field == "scope" ? .exerciseScope(.value(id)) : p.field == "benefits" ? .exerciseBenefits(.value(id))
                        : p.field == "questionnaire" ? .questionnaire(.value(id)) : .exerciseDetails(.value(id))
                    return "<li><a href=\"\(page.path)\(p.field == "questionnaire" ? "" : "#" + (p.field == "benefits" ? "benefit-1" : p.field))\">\(p.message)</a></li>"
                })</ul>
              </div>
            </div>
            """
        var actions: [HTML] = []
        if x.stage == .draft {
            actions.append(Component.actionForm(.publishExercise(.value(id)), csrf: csrf, label: "Publish the notice", version: x.version))
        }
        if x.stage == .open { actions.append("<a class=\"button button--secondary\" href=\"\(SiteURL.extendExercise(.value(id)).path)\">Extend the deadline</a>") }
        if x.stage != .concluded && x.stage != .cancelled {
            actions.append("<a class=\"button button--warning\" href=\"\(SiteURL.cancelExercise(.value(id)).path)\">Cancel the exercise</a>")
        }
        let releases: HTML = x.releases.isEmpty ? .empty : """
            <h2 class="heading-m">Releases of the notice</h2>
            \(Component.table(caption: "Releases of the notice", headers: ["Release", "Made", "What changed"], rows: x.releases.map {
                ["\($0.number)", time($0.at), "\($0.summary)"]
            }, numericColumns: [0]))
            """
        return Page(title: n.title, breadcrumbs: [("Manage", .manage), ("Exercises", .exercises)], body: """
            \(summary)
            <span class="caption">\(n.reference)</span>
            <h1 class="heading-l">\(n.title)</h1>
            <p class="body">\(Component.tag(x.stage.label, x.stage.colour))
              \(x.stage == .draft ? "Only officers can see a draft." as HTML : "<a class=\"link\" href=\"\(SiteURL.notice(.value(n.reference)).path)\">The public notice</a>")</p>
            \(n.cancelledReason.map { "<div class=\"inset-text\"><p class=\"body\">Cancelled: \($0)</p></div>" as HTML })
            <div class="button-group">\(actions)</div>
            <p class="body"><a class="link" href="\(SiteURL.questionnaire(.value(id)).path)">The questionnaire</a>
              · <a class="link" href="\(SiteURL.clarifications(.value(id)).path)">Clarification questions</a>
              · <a class="link" href="\(SiteURL.exerciseResponses(.value(id)).path)">Responses</a>
              · <a class="link" href="\(SiteURL.evaluationPanel(.value(id)).path)">Evaluation panel</a>
              · <a class="link" href="\(SiteURL.evaluationCriteria(.value(id)).path)">Evaluation criteria</a>
              · <a class="link" href="\(SiteURL.results(.value(id)).path)">Results</a>
              · <a class="link" href="\(SiteURL.interviews(.value(id)).path)">Shortlist and interviews</a></p>
            <h2 class="heading-m">The notice</h2>
            \(Component.summaryList([
                .init(key: "Reference", value: "\(n.reference)", action: change(.exerciseDetails(.value(id)), "the notice")),
                .init(key: "Advertisement", value: n.advert.isEmpty ? "Not written yet" : prose(n.advert)),
                .init(key: "How engagement will be carried out", value: n.engagement.isEmpty ? "Not written yet" : prose(n.engagement)),
                .init(key: "Disclaimer", value: n.disclaimer.isEmpty ? "Not written yet" : prose(n.disclaimer)),
                .init(key: "Contact", value: n.contact.isEmpty ? "Not written yet" : prose(n.contact)),
            ]))
            <h2 class="heading-m">Key dates</h2>
            \(Component.summaryList(dates(n).enumerated().map { i, row in
                var row = row
                if i == 0 { row.action = change(.exerciseDetails(.value(id)), "the key dates") }
                return row
            }))
            <h2 class="heading-m">Scope</h2>
            \(editable ? "<p class=\"body\"><a class=\"link\" href=\"\(SiteURL.exerciseScope(.value(id)).path)\">Change the scope</a></p>" as HTML : .empty)
            \(lots(n.lots, linkProfiles: true))
            <h2 class="heading-m">Benefits sought</h2>
            \(editable ? "<p class=\"body\"><a class=\"link\" href=\"\(SiteURL.exerciseBenefits(.value(id)).path)\">Change the benefits sought</a></p>" as HTML : .empty)
            \(benefits(n.benefits, objectives: x.objectives))
            \(extensions(x.extensions))
            \(releases)
            """, status: problems.isEmpty ? .ok : .conflict, hasErrors: !problems.isEmpty)
    }

    // MARK: Forms

    /// The notice and its dates. Once published, the reference and the deadline are shown, not edited.
    static func detailsForm(id: UUID?, title stored: String?, published: Bool, deadline: Date?, _ f: FormState) -> Page {
        let input = f.input, errors = f.errors
        func field(_ rule: FieldRule, hint: String? = nil, width: String? = nil) -> HTML {
            Component.input(rule.name, label: rule.label, value: input[rule.name], error: errors[rule.name], hint: hint, width: width)
        }
        func area(_ rule: FieldRule, hint: String? = nil, rows: Int = 5) -> HTML {
            Component.textarea(rule.name, label: rule.label, value: input[rule.name], error: errors[rule.name], hint: hint, rows: rows)
        }
        typealias R = ExerciseRules
        let dayHint = "Year-month-day, like 2003-04-25."
        let deadlineFields: HTML = published ? """
            <div class="form-group" id="deadlineDate">
              <p class="label">Response deadline</p>
              <p class="body">\(time(deadline)). It moves only by an extension\(id.map { " (<a class=\"link\" href=\"\(SiteURL.extendExercise(.value($0)).path)\">extend the deadline</a>)" as HTML }), which everyone is told.</p>
            </div>
            """ : """
            \(field(R.deadlineDate, hint: dayHint, width: "10"))
            \(field(R.deadlineTime, hint: "London time on the 24-hour clock, like 12:00.", width: "5"))
            """
        return f.page(stored.map { "Change the notice of \($0)" } ?? "Start an exercise",
                      breadcrumbs: [("Manage", .manage), ("Exercises", .exercises)] + (id.map { [("The exercise", SiteURL.exercise(.value($0)))] } ?? []),
                      action: id.map { SiteURL.exerciseDetails(.value($0)) } ?? .newExercise,
                      intro: published ? "<p class=\"body\">The notice is published: a change is public at once, and is recorded as a new release of the notice.</p>" as HTML : .empty,
                      fields: """
            \(published ? "<div class=\"form-group\" id=\"reference\"><p class=\"label\">Reference</p><p class=\"body\">\(input["reference"])</p></div>" as HTML
                        : field(R.reference, hint: "Letters, digits and hyphens, like SLF-2003-SPP. Respondents quote it; it cannot change once published.", width: "20"))
            \(field(R.title))
            \(area(R.advert, hint: "The advertisement as it will be published. Leave a blank line between paragraphs; start a line with “- ” for a list.", rows: 12))
            \(area(R.engagement, hint: "Events, meetings, the questionnaire, and the periods they run in.", rows: 5))
            \(area(R.disclaimer, hint: "Say that this is not a procurement and commits the council to nothing.", rows: 4))
            \(area(R.contact, hint: "Who to contact, and how.", rows: 3))
            <h2 class="heading-m">Key dates</h2>
            \(field(R.publishOn, hint: "The day you plan to publish. " + dayHint, width: "10"))
            \(field(R.clarificationDate, hint: "Organisations can ask questions until then. " + dayHint, width: "10"))
            \(field(R.clarificationTime, hint: "London time on the 24-hour clock, like 12:00.", width: "5"))
            \(deadlineFields)
            \(field(R.evaluationFrom, hint: dayHint, width: "10"))
            \(field(R.evaluationTo, hint: dayHint, width: "10"))
            \(field(R.interviewFrom, hint: dayHint, width: "10"))
            \(field(R.interviewTo, hint: dayHint, width: "10"))
            \(field(R.decisionOn, hint: dayHint, width: "10"))
            """, button: id == nil ? "Save as a draft" : "Save")
    }

    struct ScopeChoice: Sendable { var id: UUID; var name: String; var area: String }

    static func scopeForm(id: UUID, title: String, services: [ScopeChoice], _ f: FormState) -> Page {
        var areas: [(String, [ScopeChoice])] = []
        for s in services {
            if areas.last?.0 == s.area { areas[areas.count - 1].1.append(s) } else { areas.append((s.area, [s])) }
        }
        let groups = areas.map { area, services -> HTML in
            let items = services.map { s -> HTML in
                let key = s.id.lowercasedString
                return """
                <div class="checkbox">
                  <input type="checkbox" id="service-\(key)" name="service-\(key)" value="yes"\("checked", when: !f.input["service-" + key].isEmpty)>
                  <label for="service-\(key)">\(s.name)</label>
                </div>
                \(Component.input("cpv-" + key, label: "CPV codes for \(s.name)", value: f.input["cpv-" + key], error: f.errors["cpv-" + key], width: "20"))
                """
            }
            return """
            <fieldset class="fieldset">
              <legend class="fieldset__legend">\(area)</legend>
              \(items)
            </fieldset>
            """
        }
        let scopeError: HTML = f.errors["scope"].map { "<p id=\"scope\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" } ?? "<span id=\"scope\"></span>"
        return f.page("Scope of \(title)", breadcrumbs: [("Manage", .manage), ("Exercises", .exercises), ("The exercise", .exercise(.value(id)))],
                      action: .exerciseScope(.value(id)), intro: """
            <p class="body">Choose the services the exercise covers. Each service area in scope is a lot. Give each service the CPV codes that classify it (eight digits, a hyphen and a check digit, like 79211000-6), separated by commas.</p>
            """, fields: "\(scopeError)\(groups)", button: "Save the scope")
    }

    static func benefitsForm(id: UUID, title: String, objectives: [ObjectiveName], slots: Int, _ f: FormState) -> Page {
        let rows = (1...slots).map { n -> HTML in
            let name = "benefit-\(n)"
            let boxes = objectives.map { o -> HTML in
                let box = "\(name)-objective-\(o.number)"
                return """
                <div class="checkbox">
                  <input type="checkbox" id="\(box)" name="\(box)" value="yes"\("checked", when: !f.input[box].isEmpty)>
                  <label for="\(box)">\(RomanNumeral.string(o.number)). \(o.title)</label>
                </div>
                """
            }
            return """
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Benefit \(n)\(n == slots ? " (to add one)" : "")</legend>
              \(Component.textarea(name, label: "What is sought", value: f.input[name], error: f.errors[name], hint: n == slots ? "Leave empty to add nothing. Empty a benefit above to remove it." : nil, rows: 3))
              <p class="body">The objectives it serves:</p>
              \(boxes)
            </fieldset>
            """
        }
        return f.page("Benefits sought by \(title)", breadcrumbs: [("Manage", .manage), ("Exercises", .exercises), ("The exercise", .exercise(.value(id)))],
                      action: .exerciseBenefits(.value(id)), intro: """
            <p class="body">What the council hopes a partnership could deliver, each linked to the programme’s objectives it serves. Evaluation reads responses against these links.</p>
            """, fields: "\(rows)", button: "Save the benefits")
    }

    static func extendForm(id: UUID, title: String, deadline: Date?, _ f: FormState) -> Page {
        f.page("Extend the deadline of \(title)", breadcrumbs: [("Manage", .manage), ("Exercises", .exercises), ("The exercise", .exercise(.value(id)))],
               action: .extendExercise(.value(id)), intro: """
            <p class="body">The response deadline is now \(time(deadline)). An extension applies to every organisation, is shown on the public notice with its reason, and is recorded in the audit trail.</p>
            """, fields: """
            \(Component.input("deadlineDate", label: "New deadline date", value: f.input["deadlineDate"], error: f.errors["deadlineDate"], hint: "Year-month-day, like 2003-04-25.", width: "10"))
            \(Component.input("deadlineTime", label: "New deadline time", value: f.input["deadlineTime"], error: f.errors["deadlineTime"], hint: "London time on the 24-hour clock, like 12:00.", width: "5"))
            \(Component.textarea("reason", label: "Reason", value: f.input["reason"], error: f.errors["reason"], hint: "Shown on the public notice.", rows: 3))
            <h2 class="heading-m">The days after the deadline</h2>
            <p class="body">They come after the new deadline: move them here if they need to move with it.</p>
            \([ExerciseRules.evaluationFrom, ExerciseRules.evaluationTo, ExerciseRules.interviewFrom, ExerciseRules.interviewTo, ExerciseRules.decisionOn].map { rule -> HTML in
                Component.input(rule.name, label: rule.label, value: f.input[rule.name], error: f.errors[rule.name], hint: "Year-month-day, like 2003-05-23.", width: "10")
            })
            """, button: "Extend the deadline")
    }

    static func cancelForm(id: UUID, title: String, _ f: FormState) -> Page {
        f.page("Cancel \(title)", breadcrumbs: [("Manage", .manage), ("Exercises", .exercises), ("The exercise", .exercise(.value(id)))],
               action: .cancelExercise(.value(id)), intro: """
            <p class="body">A cancelled exercise stays on the public list with its reason. It cannot be opened again.</p>
            """, fields: """
            \(Component.textarea("reason", label: "Reason", value: f.input["reason"], error: f.errors["reason"], hint: "Shown on the public notice.", rows: 3))
            """, button: "Cancel the exercise")
    }
}
