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

    private func objectiveForm(_ req: Request, _ o: Objective, input: FormInput, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render(Page(title: "Change objective \(o.numeral)", breadcrumbs: [("Manage", .manage), ("Objectives", .objectives)], body: """
            \(Component.errorSummary(errors))
            <h1 class="heading-l">Change objective \(o.numeral)</h1>
            <form method="post" action="\(SiteURL.objective(.value(o.id!)).path)" novalidate>
              \(Component.csrf(req.csrfToken))
              \(Component.textarea("title", label: "Wording", value: input["title"], error: errors["title"], rows: 2))
              \(Component.textarea("description", label: "Description", value: input["description"], error: errors["description"], hint: "Optional: what meeting this objective would look like.", rows: 4))
              \(Component.button("Save"))
            </form>
            """, status: status, hasErrors: !errors.isEmpty))
    }

    @Sendable func editObjective(req: Request) async throws -> Response {
        guard let o = try await Objective.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await objectiveForm(req, o, input: FormInput(["title": o.title, "description": o.description]), errors: FormErrors())
    }

    @Sendable func updateObjective(req: Request) async throws -> Response {
        guard let o = try await Objective.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let input = FormInput.form(req)
        var v = Validator(input)
        let fields = Editing.objective(&v)
        guard v.errors.isEmpty else { return try await objectiveForm(req, o, input: input, errors: v.errors, status: .unprocessableEntity) }
        let before = o.auditFields
        o.title = fields.title
        o.description = fields.description
        try await req.saveAudited(o, action: "objective.update", before: before)
        return req.redirect(to: .objectives, flash: "Objective \(o.numeral) saved")
    }

    // MARK: Weights

    private func weightsForm(_ req: Request, _ objectives: [Objective], input: FormInput, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let fields = objectives.map { o in
            Component.input("weight-\(o.number)", label: "\(o.numeral). \(o.title)", value: input["weight-\(o.number)"], error: errors["weight-\(o.number)"], width: "5")
        }
        return try await req.render(Page(title: "Change the weights", breadcrumbs: [("Manage", .manage), ("Objectives", .objectives)], body: """
            \(Component.errorSummary(errors))
            <h1 class="heading-l">Change the weights</h1>
            <p class="body">Give each objective a weight from 0 to 100. Every change is kept in the history with your name and reason.</p>
            <form method="post" action="\(SiteURL.weights.path)" novalidate>
              \(Component.csrf(req.csrfToken))
              \(fields)
              \(Component.textarea("reason", label: "Reason for the change", value: input["reason"], error: errors["reason"], hint: "For example, the meeting that agreed it.", rows: 3))
              \(Component.button("Save weights"))
            </form>
            """, status: status, hasErrors: !errors.isEmpty))
    }

    @Sendable func editWeights(req: Request) async throws -> Response {
        let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
        var values: [String: String] = [:]
        for o in objectives { values["weight-\(o.number)"] = Weight.format(o.weight) }
        return try await weightsForm(req, objectives, input: FormInput(values), errors: FormErrors())
    }

    @Sendable func updateWeights(req: Request) async throws -> Response {
        let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
        let input = FormInput.form(req)
        var v = Validator(input)
        var changes: [(Objective, Double)] = []
        var total = 0.0
        for o in objectives {
            guard let w = v.decimal(FieldRule("weight-\(o.number)", "The weight of objective \(o.numeral)", .decimal(0...100))) else { continue }
            total += w
            if w != o.weight { changes.append((o, w)) }
        }
        let reason = v.text(FieldRule("reason", "Reason for the change", .text(max: 2000)))
        if v.errors.isEmpty && total == 0 { v.fail("weight-\(objectives.first?.number ?? 1)", "Give at least one objective a weight above 0") }
        if v.errors.isEmpty && changes.isEmpty { v.fail("weight-\(objectives.first?.number ?? 1)", "Change at least one weight, or go back") }
        guard v.errors.isEmpty else { return try await weightsForm(req, objectives, input: input, errors: v.errors, status: .unprocessableEntity) }
        try await WeightChanges.apply(changes, reason: reason, by: req.actor, at: req.now, on: req.db)
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

    private func pledgeForm(_ req: Request, title: String, action: SiteURL, input: FormInput, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render(Page(title: title, breadcrumbs: [("Manage", .manage), ("Pledges", .pledges)], body: """
            \(Component.errorSummary(errors))
            <h1 class="heading-l">\(title)</h1>
            <form method="post" action="\(action.path)" novalidate>
              \(Component.csrf(req.csrfToken))
              \(Component.input("title", label: "Title", value: input["title"], error: errors["title"], width: "20"))
              \(Component.textarea("description", label: "Description", value: input["description"], error: errors["description"], rows: 3))
              \(Component.input("position", label: "Position in lists", value: input["position"], error: errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
              \(Component.button("Save"))
            </form>
            """, status: status, hasErrors: !errors.isEmpty))
    }

    @Sendable func newPledge(req: Request) async throws -> Response {
        try await pledgeForm(req, title: "Add a pledge", action: .newPledge, input: FormInput(), errors: FormErrors())
    }

    @Sendable func createPledge(req: Request) async throws -> Response {
        try await savePledge(req, Pledge(), isNew: true)
    }

    @Sendable func editPledge(req: Request) async throws -> Response {
        guard let p = try await Pledge.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await pledgeForm(req, title: "Change \(p.title)", action: .pledge(.value(p.id!)),
                                    input: FormInput(["title": p.title, "description": p.description, "position": String(p.position)]), errors: FormErrors())
    }

    @Sendable func updatePledge(req: Request) async throws -> Response {
        guard let p = try await Pledge.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await savePledge(req, p, isNew: false)
    }

    private func savePledge(_ req: Request, _ p: Pledge, isNew: Bool) async throws -> Response {
        let input = FormInput.form(req)
        do {
            try await p.write(input, isNew: isNew, on: req)
        } catch let failure as ValidationFailure {
            return try await pledgeForm(req, title: isNew ? "Add a pledge" : "Change \(p.title)", action: isNew ? .newPledge : .pledge(.value(p.id!)),
                                        input: input, errors: failure.errors, status: .unprocessableEntity)
        }
        return req.redirect(to: .pledges, flash: isNew ? "Pledge \(p.title) added" : "Pledge \(p.title) saved")
    }
}

/// Changing weights: each change is kept in the weight history and the audit trail, all in one
/// transaction, so the history can never disagree with the weights.
enum WeightChanges {
    static func apply(_ changes: [(Objective, Double)], reason: String, by actor: Actor, at now: Date, on db: any Database) async throws {
        try await AuditTrail.transaction(on: db) { tx in
            for (objective, weight) in changes {
                let before = objective.auditFields
                let change = WeightChange(objectiveID: try objective.requireID(), oldWeight: objective.weight, newWeight: weight,
                                          changedAt: now, changedBy: actor.label, reason: reason)
                objective.weight = weight
                try await objective.save(on: tx)
                try await change.create(on: tx)
                try await AuditTrail.record("objective.weight", objective, before: before, by: actor, at: now, on: tx)
            }
        }
    }
}
