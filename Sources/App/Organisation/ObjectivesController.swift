import Fluent
import Vapor

/// The officer's pages for the programme's objectives, their weights, and the council's pledges.
struct ObjectivesController {
    var endpoints: [Endpoint] {
        [
            .get(.objectives, .officer, objectives),
            .get(.objective(.key), .officer, editObjective),
            .post(.objective(.key), .officer, updateObjective),
            .get(.weights, .officer, editWeights),
            .post(.weights, .officer, updateWeights),
            .get(.pledges, .officer, pledges),
            .get(.newPledge, .officer, newPledge),
            .post(.newPledge, .officer, createPledge),
            .get(.pledge(.key), .officer, editPledge),
            .post(.pledge(.key), .officer, updatePledge),
        ]
    }

    // MARK: Objectives

    @Sendable func objectives(req: Request) async throws -> Response {
        let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
        let total = objectives.reduce(0) { $0 + $1.weight }
        let history = try await WeightChange.query(on: req.db).with(\.$objective)
            .sort(\.$changedAt, .descending).sort(\.$id).limit(200).all()
        let rows = objectives.map { o -> [HTML] in [
            "\(o.numeral)", "\(o.title)", "\(Weight.format(o.weight))", "\(Weight.share(o.weight, of: total))",
            "<a class=\"link\" href=\"\(SiteURL.objective(.value(o.id!)).path)\">Change wording<span class=\"visually-hidden\"> of objective \(o.numeral)</span></a>",
        ] }
        let historyRows = history.map { c -> [HTML] in [
            "<time datetime=\"\(LondonTime.iso(c.changedAt))\">\(LondonTime.dateTime(c.changedAt))</time>",
            "\(c.objective.numeral)", "\(c.oldWeight.map(Weight.format) ?? "–") → \(Weight.format(c.newWeight))",
            "\(c.changedBy)", "\(c.reason)",
        ] }
        return try await req.render(Page(title: "Objectives and weights", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Objectives and weights</h1>
            <p class="body">Responses are scored against these objectives. A weight counts by its share of the total, so weights need not add up to 100.</p>
            \(Component.table(caption: "Objectives", headers: ["No.", "Objective", "Weight", "Share", "Action"], rows: rows, numericColumns: [2, 3]))
            <p class="body"><a class="button" href="\(SiteURL.weights.path)">Change the weights</a></p>
            \(historyRows.isEmpty ? .empty : Component.table(caption: "History of weight changes", headers: ["When", "Objective", "Weight", "By", "Reason"], rows: historyRows))
            """))
    }

    private static let objectiveRules = [Editing.ObjectiveRules.title, Editing.ObjectiveRules.description]

    private func objectiveForm(_ req: Request, _ o: Objective) -> FormSave<Objective> {
        FormSave(rules: Self.objectiveRules) { input, errors, notice, status in
            try await req.render(Page(title: "Change objective \(o.numeral)", breadcrumbs: [("Manage", .manage), ("Objectives", .objectives)], body: """
                \(Component.errorSummary(errors))
                <h1 class="heading-l">Change objective \(o.numeral)</h1>
                \(notice)
                <form method="post" action="\(SiteURL.objective(.value(o.id!)).path)" novalidate>
                  \(Component.csrf(req.csrfToken))\(Component.version(input))
                  \(Component.textarea("title", label: "Wording", value: input["title"], error: errors["title"], rows: 2))
                  \(Component.textarea("description", label: "Description", value: input["description"], error: errors["description"], hint: "Optional: what meeting this objective would look like.", rows: 4))
                  \(Component.button("Save"))
                </form>
                """, status: status, hasErrors: !errors.isEmpty))
        }
    }

    @Sendable func editObjective(req: Request) async throws -> Response {
        guard let o = try await Objective.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await objectiveForm(req, o).form(FormInput.editing(o), FormErrors(), .empty, .ok)
    }

    @Sendable func updateObjective(req: Request) async throws -> Response {
        guard let o = try await Objective.find(req.uuid(), on: req.db), let id = o.id else { throw Abort(.notFound) }
        // The page changes only the wording: anything else sent is ignored, not applied.
        var input = FormInput.form(req)
        input.values = input.values.filter { ["title", "description", "version"].contains($0.key) }
        return try await objectiveForm(req, o).run(req, id: id, input: input, write: { try await Objective.update(id, from: input, on: req) }) {
            req.redirect(to: .objectives, flash: "Objective \($0.numeral) saved")
        }
    }

    // MARK: Weights

    private func weightsForm(_ req: Request, _ objectives: [Objective], input: FormInput, errors: FormErrors, notice: HTML = .empty, status: HTTPResponseStatus = .ok) async throws -> Response {
        let fields = objectives.map { o in
            Component.input("weight-\(o.number)", label: "\(o.numeral). \(o.title)", value: input["weight-\(o.number)"], error: errors["weight-\(o.number)"], width: "5")
        }
        // The version of each objective the form was opened at.
        let versions = objectives.map { o -> HTML in "<input type=\"hidden\" name=\"version-\(o.number)\" value=\"\(input["version-\(o.number)"])\">" }
        return try await req.render(Page(title: "Change the weights", breadcrumbs: [("Manage", .manage), ("Objectives", .objectives)], body: """
            \(Component.errorSummary(errors))
            <h1 class="heading-l">Change the weights</h1>
            \(notice)
            <p class="body">Give each objective a weight from 0 to 100. Every change is kept in the history with your name and reason.</p>
            <form method="post" action="\(SiteURL.weights.path)" novalidate>
              \(Component.csrf(req.csrfToken))\(versions)
              \(fields)
              \(Component.textarea("reason", label: "Reason for the change", value: input["reason"], error: errors["reason"], hint: "For example, the meeting that agreed it.", rows: 3))
              \(Component.button("Save weights"))
            </form>
            """, status: status, hasErrors: !errors.isEmpty))
    }

    @Sendable func editWeights(req: Request) async throws -> Response {
        let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
        var values: [String: String] = [:]
        for o in objectives {
            values["weight-\(o.number)"] = Weight.format(o.weight)
            values["version-\(o.number)"] = String(o.version)
        }
        return try await weightsForm(req, objectives, input: FormInput(values), errors: FormErrors())
    }

    @Sendable func updateWeights(req: Request) async throws -> Response {
        let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
        let input = FormInput.form(req)
        var v = Validator(input)
        var weights: [UUID: Double] = [:], seen: [UUID: Int] = [:]
        var total = 0.0, changes = 0
        for o in objectives {
            seen[o.id!] = Int(input["version-\(o.number)"]) ?? 0
            guard let w = v.decimal(FieldRule("weight-\(o.number)", "The weight of objective \(o.numeral)", .decimal(0...100))) else { continue }
            total += w
            weights[o.id!] = w
            if w != o.weight { changes += 1 }
        }
        let reason = v.text(FieldRule("reason", "Reason for the change", .text(max: 2000)))
        if v.errors.isEmpty && total == 0 { v.fail("weight-\(objectives.first?.number ?? 1)", "Give at least one objective a weight above 0") }
        if v.errors.isEmpty && changes == 0 { v.fail("weight-\(objectives.first?.number ?? 1)", "Change at least one weight, or go back") }
        guard v.errors.isEmpty else { return try await weightsForm(req, objectives, input: input, errors: v.errors, status: .unprocessableEntity) }
        do {
            try await WeightChanges.apply(weights, seen: seen, reason: reason, on: req)
        } catch let stale as StaleEdit {
            // Show the weights as saved now beside this person's, and let them save again.
            let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
            var kept = input
            var saved: [String: InputValue] = [:]
            for o in objectives {
                kept = kept.setting("version-\(o.number)", String(o.version))
                saved["weight-\(o.number)"] = .text(Weight.format(o.weight))
            }
            let rules = objectives.map { FieldRule("weight-\($0.number)", "\($0.numeral). \($0.title)", .decimal(0...100)) }
            return try await weightsForm(req, objectives, input: kept, errors: stale.errors,
                                         notice: Component.staleNotice(rules, saved: saved, yours: input), status: stale.status)
        }
        return req.redirect(to: .objectives, flash: "Weights saved")
    }

    // MARK: Pledges

    @Sendable func pledges(req: Request) async throws -> Response {
        let pledges = try await Pledge.query(on: req.db).sort(\.$position).all()
        let rows = Component.summaryList(pledges.map {
            .init(key: $0.title, value: $0.description.isEmpty ? "<span class=\"secondary-text\">No description</span>" : "\($0.description)",
                  action: ("Change", .pledge(.value($0.id!)), $0.title))
        })
        return try await req.render(Page(title: "Pledges", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Pledges</h1>
            <p class="body">The council's corporate pledges. Service plans and objectives link to them.</p>
            <p class="body"><a class="button" href="\(SiteURL.newPledge.path)">Add a pledge</a></p>
            \(rows)
            """))
    }

    private func pledgeForm(_ req: Request, editing record: Pledge?) -> FormSave<Pledge> {
        let id = record?.id, storedTitle = record?.title ?? ""
        return FormSave(rules: Editing.PledgeRules.all) { input, errors, notice, status in
            let title = id == nil ? "Add a pledge" : "Change \(storedTitle)"
            return try await req.render(Page(title: title, breadcrumbs: [("Manage", .manage), ("Pledges", .pledges)], body: """
                \(Component.errorSummary(errors))
                <h1 class="heading-l">\(title)</h1>
                \(notice)
                <form method="post" action="\((id.map { SiteURL.pledge(.value($0)) } ?? .newPledge).path)" novalidate>
                  \(Component.csrf(req.csrfToken))\(Component.version(input))
                  \(Component.input("title", label: "Title", value: input["title"], error: errors["title"], width: "20"))
                  \(Component.textarea("description", label: "Description", value: input["description"], error: errors["description"], rows: 3))
                  \(Component.input("position", label: "Position in lists", value: input["position"], error: errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
                  \(Component.button("Save"))
                </form>
                """, status: status, hasErrors: !errors.isEmpty))
        }
    }

    @Sendable func newPledge(req: Request) async throws -> Response {
        try await pledgeForm(req, editing: nil).form(FormInput(), FormErrors(), .empty, .ok)
    }

    @Sendable func createPledge(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await pledgeForm(req, editing: nil).run(req, id: nil, input: input, write: { try await Pledge.create(from: input, on: req) }) {
            req.redirect(to: .pledges, flash: "Pledge \($0.title) added")
        }
    }

    @Sendable func editPledge(req: Request) async throws -> Response {
        guard let p = try await Pledge.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await pledgeForm(req, editing: p).form(FormInput.editing(p), FormErrors(), .empty, .ok)
    }

    @Sendable func updatePledge(req: Request) async throws -> Response {
        guard let record = try await Pledge.find(req.uuid(), on: req.db), let id = record.id else { throw Abort(.notFound) }
        let input = FormInput.form(req)
        return try await pledgeForm(req, editing: record).run(req, id: id, input: input, write: { try await Pledge.update(id, from: input, on: req) }) {
            req.redirect(to: .pledges, flash: "Pledge \($0.title) saved")
        }
    }
}
