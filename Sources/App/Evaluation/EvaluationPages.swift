import Foundation

/// The officer's panel page, from plain values.
enum PanelPages {
    struct Panel: Sendable {
        struct Member: Sendable {
            var id: UUID; var version: Int; var userID: UUID; var name: String; var email: String; var role: PanelMember.Role
            var addedAt: Date; var declared: Int; var conflicts: Int
        }
        struct Conflict: Sendable { var evaluator: String; var organisation: String; var note: String }
        struct Candidate: Sendable { var id: UUID; var name: String; var role: PanelMember.Role }

        var exerciseID: UUID; var reference: String; var title: String
        var cancelled: Bool; var opened: Bool
        /// Organisations whose responses count (0 until the responses are opened: who responded is sealed).
        var respondents: Int
        var members: [Member]
        var conflicts: [Conflict]
        var eligible: [Candidate]
    }

    static func declarationStatus(_ m: Panel.Member, _ p: Panel) -> HTML {
        guard m.role == .evaluator else { return "Moderates; declares nothing" }
        guard p.opened else { return "Declares once the responses are opened" }
        guard p.respondents > 0 else { return "No responses to declare about" }
        let conflicts: HTML = m.conflicts == 0 ? .empty
            : " \(Component.tag(m.conflicts == 1 ? "1 conflict" : "\(m.conflicts) conflicts", "red"))"
        return m.declared == p.respondents
            ? "\(Component.tag("Declared", "green"))\(conflicts)"
            : "Declared for \(m.declared) of \(p.respondents) organisations\(conflicts)"
    }

    static func panel(_ p: Panel, _ f: FormState) -> Page {
        let rows = p.members.map { m -> [HTML] in
            [
                "\(m.name)<br><span class=\"secondary-text\">\(m.email)</span>",
                "\(m.role.label)",
                declarationStatus(m, p),
                p.cancelled ? .empty : Component.actionForm(.removePanelMember(.value(p.exerciseID), .value(m.id.lowercasedString)), csrf: f.csrf,
                                                            label: "Remove", secondary: true, version: m.version, hidden: m.name),
            ]
        }
        let members: HTML = rows.isEmpty ? "<p class=\"body\">Nobody is on the panel yet.</p>"
            : Component.table(caption: "The panel", headers: ["Name", "Role", "Declarations of interest", "Action"], rows: rows)
        let conflicts: HTML = p.conflicts.isEmpty ? .empty : """
            <h2 class="heading-m">Declared conflicts of interest</h2>
            <p class="body">Each evaluator is kept from the response of any organisation they declared a conflict with.</p>
            \(Component.table(caption: "Declared conflicts", headers: ["Evaluator", "Organisation", "What the conflict is"],
                              rows: p.conflicts.map { ["\($0.evaluator)", "\($0.organisation)", prose($0.note)] }))
            """
        let hasModerator = p.members.contains { $0.role == .moderator }
        let add: HTML
        if p.cancelled {
            add = "<p class=\"body\">The exercise is cancelled, so its panel cannot change.</p>"
        } else if p.eligible.isEmpty && f.errors.isEmpty {
            add = "<p class=\"body\">Every active evaluator and moderator is on the panel. An administrator adds people and gives them a role.</p>"
        } else {
            let options = [(value: "", text: "Choose someone")] + p.eligible.map { (value: $0.id.lowercasedString, text: "\($0.name) (\($0.role.label))") }
            add = """
                <h2 class="heading-m">Add someone to the panel</h2>
                <form method="post" action="\(SiteURL.evaluationPanel(.value(p.exerciseID)).path)" novalidate>
                  \(Component.csrf(f.csrf))
                  \(Component.select("user", label: "Evaluator or moderator", options: options, selected: f.input["user"], error: f.errors["user"],
                                     hint: hasModerator ? "The panel has its moderator; add evaluators." : "A panel has evaluators and one moderator."))
                  \(Component.button("Add to the panel"))
                </form>
                """
        }
        return Page(title: "Evaluation panel", breadcrumbs: [("Exercises", .exercises), (p.reference, .exercise(.value(p.exerciseID)))], body: """
            \(Component.errorSummary(f.errors))
            <span class="caption">\(p.reference)</span>
            <h1 class="heading-l">Evaluation panel</h1>
            \(f.notice)
            <p class="body">Evaluators score each response on their own; the moderator agrees the scores. Before reading anything,
              each evaluator declares for every responding organisation whether they have a conflict of interest.</p>
            \(members)
            \(conflicts)
            \(add)
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }
}

/// The evaluator's and moderator's pages, from plain values.
enum EvaluationPages {
    struct Assignment: Sendable {
        var exerciseID: UUID; var reference: String; var title: String; var role: PanelMember.Role
        var opened: Bool; var cancelled: Bool; var respondents: Int; var declared: Int
    }

    static func assignments(_ rows: [Assignment]) -> Page {
        let table = rows.map { a -> [HTML] in
            let next: HTML
            if a.cancelled {
                next = "The exercise is cancelled"
            } else if !a.opened {
                next = "Sealed until two officers open the responses"
            } else if a.role == .moderator {
                next = "<a class=\"link\" href=\"\(SiteURL.moderation(.value(a.exerciseID)).path)\">Moderate the scores<span class=\"visually-hidden\"> for \(a.reference)</span></a>"
            } else if a.respondents == 0 {
                next = "No organisation responded"
            } else {
                let done = a.declared == a.respondents
                next = """
                    <a class="link" href="\(SiteURL.declarations(.value(a.exerciseID)).path)">\(done ? "Change your declarations" : "Declare your interests")<span class="visually-hidden"> for \(a.reference)</span></a>\(done ? " \(Component.tag("Declared", "green"))" as HTML : .empty)\(done ? "<br><a class=\"link\" href=\"\(SiteURL.scoring(.value(a.exerciseID)).path)\">Score the responses<span class=\"visually-hidden\"> for \(a.reference)</span></a>" as HTML : .empty)
                    """
            }
            return ["\(a.reference)", "\(a.title)", "\(a.role.label)", next]
        }
        return Page(title: "Evaluation", body: """
            <h1 class="heading-l">Evaluation</h1>
            \(table.isEmpty ? "<p class=\"body\">You are not on any exercise’s evaluation panel. An officer adds you to one.</p>" as HTML
                : Component.table(caption: "Exercises whose panel you are on", headers: ["Reference", "Exercise", "Your role", "What to do"], rows: table))
            """)
    }

    static func declarations(_ e: Exercise, _ respondents: [SupplierOrganisation], _ f: FormState) -> Page {
        let id = e.id!
        let items = respondents.map { o -> HTML in
            let conflict = DeclarationsController.conflictField(o.id!), note = DeclarationsController.noteField(o.id!)
            // The first radio takes the field's name as its id, so that the error summary's link
            // lands on it (a radio can take focus; the group's box cannot).
            let radios = [("no", "No conflict of interest", conflict), ("yes", "I have a conflict of interest", "\(conflict)-yes")].map { value, text, id -> HTML in
                """
                <div class="checkbox"><input type="radio" id="\(id)" name="\(conflict)" value="\(value)"\("checked", when: f.input[conflict] == value)><label for="\(id)">\(text)</label></div>
                """
            }
            let error = f.errors[conflict]
            return """
                <div class="form-group\(error == nil ? "" : " form-group--error")">
                  <fieldset class="fieldset"\(error == nil ? .empty : " aria-describedby=\"\(conflict)-error\"" as HTML)>
                    <legend class="fieldset__legend fieldset__legend--m">\(o.name)</legend>
                    \(error.map { "<p id=\"\(conflict)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                    \(radios)
                  </fieldset>
                </div>
                \(Component.textarea(note, label: "If you have a conflict with \(o.name), what is it?", value: f.input[note], error: f.errors[note],
                                     hint: "For example a financial interest, a close relative who works there, or recent work for it.", rows: 3))
                """
        }
        let body: HTML = respondents.isEmpty
            ? "<p class=\"body\">No organisation’s response counts in this exercise, so there is nothing to declare.</p>"
            : """
            <form method="post" action="\(SiteURL.declarations(.value(id)).path)" novalidate>
              \(Component.csrf(f.csrf))
              \(items)
              \(Component.button("Save your declarations"))
            </form>
            """
        return Page(title: "Declare your interests", breadcrumbs: [("Evaluation", .evaluate)], body: """
            \(Component.errorSummary(f.errors))
            \(f.errors["version"].map { "<p class=\"error-message\" id=\"version\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Declare your interests</h1>
            <p class="body">Before you read any response, say for each organisation that responded whether you have a conflict of
              interest with it. A declared conflict keeps that organisation’s response from you everywhere in the evaluation,
              and the officer running the exercise sees what you declared.</p>
            \(body)
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }
}
