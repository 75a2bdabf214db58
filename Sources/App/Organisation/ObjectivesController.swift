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

    // Each page: its reads here, its markup in `ObjectivesPages`, made from what was read.

    private static func plain(_ o: Objective) -> ObjectivesPages.Objective {
        .init(id: o.id!, number: o.number, numeral: o.numeral, title: o.title, weight: o.weight)
    }

    @Sendable func objectives(req: Request) async throws -> Response {
        let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
        let history = try await WeightChange.query(on: req.db).with(\.$objective)
            .sort(\.$changedAt, .descending).sort(\.$id).limit(200).all()
        return try await req.render(ObjectivesPages.objectives(objectives.map(Self.plain), history: history.map {
            .init(changedAt: $0.changedAt, numeral: $0.objective.numeral, oldWeight: $0.oldWeight, newWeight: $0.newWeight, changedBy: $0.changedBy, reason: $0.reason)
        }))
    }

    private static let objectiveRules = [Editing.ObjectiveRules.title, Editing.ObjectiveRules.description]

    private func objectiveForm(_ req: Request, _ o: Objective) -> FormSave<Objective> {
        let id = o.id!, numeral = o.numeral
        return FormSave(req, rules: Self.objectiveRules) { f in
            try await req.render(ObjectivesPages.objectiveForm(id: id, numeral: numeral, f))
        }
    }

    @Sendable func editObjective(req: Request) async throws -> Response {
        guard let o = try await Objective.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await objectiveForm(req, o).show(FormInput.editing(o))
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
        try await req.render(ObjectivesPages.weightsForm(objectives.map(Self.plain), FormState(input: input, errors: errors, notice: notice, status: status, csrf: req.csrfToken)))
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
        return try await req.render(ObjectivesPages.pledges(pledges.map { .init(id: $0.id!, title: $0.title, description: $0.description) }))
    }

    private func pledgeForm(_ req: Request, editing record: Pledge?) -> FormSave<Pledge> {
        let id = record?.id, storedTitle = record?.title
        return FormSave(req, rules: Editing.PledgeRules.all) { f in
            try await req.render(ObjectivesPages.pledgeForm(id: id, editing: storedTitle, f))
        }
    }

    @Sendable func newPledge(req: Request) async throws -> Response {
        try await pledgeForm(req, editing: nil).show(FormInput())
    }

    @Sendable func createPledge(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await pledgeForm(req, editing: nil).run(req, id: nil, input: input, write: { try await Pledge.create(from: input, on: req) }) {
            req.redirect(to: .pledges, flash: "Pledge \($0.title) added")
        }
    }

    @Sendable func editPledge(req: Request) async throws -> Response {
        guard let p = try await Pledge.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await pledgeForm(req, editing: p).show(FormInput.editing(p))
    }

    @Sendable func updatePledge(req: Request) async throws -> Response {
        guard let record = try await Pledge.find(req.uuid(), on: req.db), let id = record.id else { throw Abort(.notFound) }
        let input = FormInput.form(req)
        return try await pledgeForm(req, editing: record).run(req, id: id, input: input, write: { try await Pledge.update(id, from: input, on: req) }) {
            req.redirect(to: .pledges, flash: "Pledge \($0.title) saved")
        }
    }
}
