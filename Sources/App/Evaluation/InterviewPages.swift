import Vapor

/// The shortlist and interviews pages, from what the controller read.
enum InterviewPages {
    static func names(_ l: InterviewsController.Loaded) -> [UUID: String] {
        Dictionary(l.results.rows.map { ($0.organisation, $0.name) }) { a, _ in a }
    }

    static func window(_ e: Exercise) -> String {
        guard let from = e.interviewFrom.flatMap(Day.init(iso:)), let to = e.interviewTo.flatMap(Day.init(iso:)) else { return "not set" }
        return "\(LondonTime.date(SalfordExercise.london(from.iso, 12))) to \(LondonTime.date(SalfordExercise.london(to.iso, 12)))"
    }

    static func page(_ l: InterviewsController.Loaded, shortlist f: FormState, schedule g: FormState) -> Page {
        let e = l.exercise, id = e.id!, names = Self.names(l)
        let ranks = Dictionary(l.results.rows.map { ($0.organisation, $0.rank) }) { a, _ in a }
        let shortlisted = Set(l.shortlist.map { $0.$organisation.id })
        let shortlistRows = l.shortlist.map { s -> [HTML] in
            let name = names[s.$organisation.id] ?? "–"
            return ["\(name)", "\(ranks[s.$organisation.id]??.description ?? "–")", s.reason.isEmpty ? "–" : prose(s.reason),
                    Component.actionForm(.removeFromShortlist(.value(id), .value(s.id!.lowercasedString)), csrf: f.csrf, label: "Take off", secondary: true,
                                         version: s.version, hidden: name)]
        }
        let candidates = l.results.rows.filter { !shortlisted.contains($0.organisation) }
        let addForm: HTML = candidates.isEmpty ? "<p class=\"body\">Every organisation whose response counts is on the shortlist.</p>" : """
            <form method="post" action="\(SiteURL.shortlist(.value(id)).path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.select(Interviews.organisation.name, label: "Organisation",
                                 options: [(value: "", text: "Choose an organisation")] + candidates.map { row in (value: row.organisation.lowercasedString, text: row.rank.map { "\(row.name) (ranked \($0))" } ?? row.name) },
                                 selected: f.input[Interviews.organisation.name], error: f.errors[Interviews.organisation.name]))
              \(Component.textarea(Interviews.reason.name, label: "Why (optional)", value: f.input[Interviews.reason.name], error: f.errors[Interviews.reason.name], rows: 2))
              \(Component.button("Add to the shortlist"))
            </form>
            """
        let panelNames = Dictionary(l.panel.map { ($0.id, $0.name) }) { a, _ in a }
        let interviewRows = l.interviews.map { i -> [HTML] in
            let name = names[i.$organisation.id] ?? "–"
            return ["\(name)", "\(LondonTime.dateTime(i.startsAt)), \(i.minutes) minutes", "\(i.place)",
                    "\(i.panel.compactMap { panelNames[$0] }.joined(separator: ", "))", "\(i.outcome?.label ?? "Not yet recorded")",
                    """
                    <a class="link" href="\(SiteURL.interview(.value(id), .value(i.id!.lowercasedString)).path)">Notes and outcome<span class="visually-hidden"> of the interview with \(name)</span></a>
                    \(Component.actionForm(.cancelInterview(.value(id), .value(i.id!.lowercasedString)), csrf: g.csrf, label: "Cancel", secondary: true, version: i.version, hidden: "the interview with \(name)"))
                    """]
        }
        let panelBoxes = l.panel.map { m in
            SupplierPages.checkbox(Interviews.panelField(m.id), m.name, checked: !g.input[Interviews.panelField(m.id)].isEmpty)
        }
        let panelError = l.panel.lazy.compactMap { g.errors[Interviews.panelField($0.id)] }.first
        let scheduleForm: HTML = l.shortlist.isEmpty ? "<p class=\"body\">Shortlist an organisation to schedule its interview.</p>" : """
            <form method="post" action="\(SiteURL.interviews(.value(id)).path)" novalidate>
              \(Component.csrf(g.csrf))
              \(Component.select(Interviews.interviewee.name, label: "Organisation to interview", options: [(value: "", text: "Choose a shortlisted organisation")]
                                 + l.shortlist.map { (value: $0.$organisation.id.lowercasedString, text: names[$0.$organisation.id] ?? "–") },
                                 selected: g.input[Interviews.interviewee.name], error: g.errors[Interviews.interviewee.name]))
              \(Component.input(Interviews.date.name, label: "Date", value: g.input["date"], error: g.errors["date"], hint: "Year, month and day, like 2003-05-06. The window is \(window(e)).", width: "10"))
              \(Component.input(Interviews.time.name, label: "Time", value: g.input["time"], error: g.errors["time"], hint: "On the 24-hour clock, like 14:30, UK time.", width: "5"))
              \(Component.input(Interviews.minutes.name, label: "How long, in minutes", value: g.input["minutes"], error: g.errors["minutes"], width: "4"))
              \(Component.input(Interviews.place.name, label: "Where", value: g.input["place"], error: g.errors["place"]))
              <div class="form-group\(panelError == nil ? "" : " form-group--error")">
                <fieldset class="fieldset"\(panelError == nil ? .empty : " aria-describedby=\"panel-error\"" as HTML)>
                  <legend class="fieldset__legend">Who from the panel sits on it</legend>
                  \(panelError.map { "<p id=\"panel-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                  \(panelBoxes)
                </fieldset>
              </div>
              \(Component.button("Schedule the interview"))
            </form>
            """
        var errors = FormErrors()
        for item in f.errors.items + g.errors.items { errors.add(item.field, item.message) }
        return Page(title: "Shortlist and interviews", breadcrumbs: [("Exercises", .exercises), (e.reference, .exercise(.value(id)))], body: """
            \(Component.errorSummary(errors))
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Shortlist and interviews</h1>
            <p class="body">Interviews are part of the engagement with the market, not a selection: they help the council understand
              the proposals that best meet its objectives. The interview window is \(window(e)).</p>
            <h2 class="heading-m">The shortlist</h2>
            \(shortlistRows.isEmpty ? "<p class=\"body\">Nobody is shortlisted yet.</p>" as HTML
                : Component.table(caption: "Shortlisted for interview", headers: ["Organisation", "Rank", "Why", "Action"], rows: shortlistRows))
            \(addForm)
            <h2 class="heading-m">Interviews</h2>
            \(interviewRows.isEmpty ? "<p class=\"body\">No interview is scheduled yet.</p>" as HTML
                : Component.table(caption: "Interviews", headers: ["Organisation", "When", "Where", "Panel", "Outcome", "Action"], rows: interviewRows))
            <h3 class="heading-s">Schedule an interview</h3>
            \(scheduleForm)
            """, status: g.status != .ok ? g.status : f.status, hasErrors: !errors.isEmpty)
    }

    static func record(_ l: InterviewsController.Loaded, _ i: Interview, _ f: FormState) -> Page {
        let e = l.exercise, name = names(l)[i.$organisation.id] ?? "–"
        let panelNames = Dictionary(l.panel.map { ($0.id, $0.name) }) { a, _ in a }
        let options = [(value: "", text: "Not yet recorded")] + Interview.Outcome.allCases.map { (value: $0.rawValue, text: $0.label) }
        return f.page("Interview with \(name)", breadcrumbs: [("Exercises", .exercises), (e.reference, .exercise(.value(e.id!))), ("Interviews", .interviews(.value(e.id!)))],
                      action: .interview(.value(e.id!), .value(i.id!.lowercasedString)), caption: e.reference,
                      intro: "<p class=\"body\">\(LondonTime.dateTime(i.startsAt)), \(i.minutes) minutes, \(i.place). Panel: \(i.panel.compactMap { panelNames[$0] }.joined(separator: ", ")).</p>",
                      fields: """
            \(Component.textarea(Interviews.notes.name, label: "Notes of the interview", value: f.input["notes"], error: f.errors["notes"], rows: 10))
            \(Component.select("outcome", label: "Outcome", options: options, selected: f.input["outcome"], error: f.errors["outcome"]))
            """, button: "Save the notes")
    }
}
