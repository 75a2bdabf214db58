import Foundation

/// The officer's pages for objectives, weights and pledges, as markup made from plain values
/// (the controller reads; see `ManagePages`).
enum ObjectivesPages {
    struct Objective: Sendable { var id: UUID; var number: Int; var numeral: String; var title: String; var weight: Double }
    struct WeightChange: Sendable { var changedAt: Date; var numeral: String; var oldWeight: Double?; var newWeight: Double; var changedBy: String; var reason: String }

    /// The objectives in number order with their shares, and the latest weight changes first.
    static func objectives(_ objectives: [Objective], history: [WeightChange]) -> Page {
        let total = objectives.reduce(0) { $0 + $1.weight }
        let rows = objectives.map { o -> [HTML] in [
            "\(o.numeral)", "\(o.title)", "\(Weight.format(o.weight))", "\(Weight.share(o.weight, of: total))",
            "<a class=\"link\" href=\"\(SiteURL.objective(.value(o.id)).path)\">Change wording<span class=\"visually-hidden\"> of objective \(o.numeral)</span></a>",
        ] }
        let historyRows = history.map { c -> [HTML] in [
            "<time datetime=\"\(LondonTime.iso(c.changedAt))\">\(LondonTime.dateTime(c.changedAt))</time>",
            "\(c.numeral)", "\(c.oldWeight.map(Weight.format) ?? "–") → \(Weight.format(c.newWeight))",
            "\(c.changedBy)", "\(c.reason)",
        ] }
        return Page(title: "Objectives and weights", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Objectives and weights</h1>
            <p class="body">Responses are scored against these objectives. A weight counts by its share of the total, so weights need not add up to 100.</p>
            \(Component.table(caption: "Objectives", headers: ["No.", "Objective", "Weight", "Share", "Action"], rows: rows, numericColumns: [2, 3]))
            <p class="body"><a class="button" href="\(SiteURL.weights.path)">Change the weights</a></p>
            \(historyRows.isEmpty ? .empty : Component.table(caption: "History of weight changes", headers: ["When", "Objective", "Weight", "By", "Reason"], rows: historyRows))
            """)
    }

    static func objectiveForm(id: UUID, numeral: String, _ f: FormState) -> Page {
        f.page("Change objective \(numeral)", breadcrumbs: [("Manage", .manage), ("Objectives", .objectives)], action: .objective(.value(id)), fields: """
            \(Component.textarea("title", label: "Wording", value: f.input["title"], error: f.errors["title"], rows: 2))
            \(Component.textarea("description", label: "Description", value: f.input["description"], error: f.errors["description"], hint: "Optional: what meeting this objective would look like.", rows: 4))
            """)
    }

    /// One weight per objective, each with the version of the objective the form was opened at.
    static func weightsForm(_ objectives: [Objective], _ f: FormState) -> Page {
        let fields = objectives.map { o in
            Component.input("weight-\(o.number)", label: "\(o.numeral). \(o.title)", value: f.input["weight-\(o.number)"], error: f.errors["weight-\(o.number)"], width: "5")
        }
        let versions = objectives.map { o -> HTML in "<input type=\"hidden\" name=\"version-\(o.number)\" value=\"\(f.input["version-\(o.number)"])\">" }
        return f.page("Change the weights", breadcrumbs: [("Manage", .manage), ("Objectives", .objectives)], action: .weights,
                      intro: "<p class=\"body\">Give each objective a weight from 0 to 100. Every change is kept in the history with your name and reason.</p>",
                      fields: """
            \(versions)
            \(fields)
            \(Component.textarea("reason", label: "Reason for the change", value: f.input["reason"], error: f.errors["reason"], hint: "For example, the meeting that agreed it.", rows: 3))
            """, button: "Save weights")
    }

    struct Pledge: Sendable { var id: UUID; var title: String; var description: String }

    static func pledges(_ pledges: [Pledge]) -> Page {
        let rows = Component.summaryList(pledges.map {
            .init(key: $0.title, value: $0.description.isEmpty ? "<span class=\"secondary-text\">No description</span>" : "\($0.description)",
                  action: ("Change", .pledge(.value($0.id)), $0.title))
        })
        return Page(title: "Pledges", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Pledges</h1>
            <p class="body">The council's corporate pledges. Service plans and objectives link to them.</p>
            <p class="body"><a class="button" href="\(SiteURL.newPledge.path)">Add a pledge</a></p>
            \(rows)
            """)
    }

    /// `storedTitle` is the title of the pledge being changed; nil for a new one.
    static func pledgeForm(id: UUID?, editing storedTitle: String?, _ f: FormState) -> Page {
        f.page(storedTitle.map { "Change \($0)" } ?? "Add a pledge", breadcrumbs: [("Manage", .manage), ("Pledges", .pledges)],
               action: id.map { SiteURL.pledge(.value($0)) } ?? .newPledge, fields: """
            \(Component.input("title", label: "Title", value: f.input["title"], error: f.errors["title"], width: "20"))
            \(Component.textarea("description", label: "Description", value: f.input["description"], error: f.errors["description"], rows: 3))
            \(Component.input("position", label: "Position in lists", value: f.input["position"], error: f.errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
            """)
    }
}
