import Decision
import Fluent
import Vapor

/// The officer's results: the weighted totals and ranking, the weight scenarios beside them, and
/// the sensitivity analysis (SMAA-2). Only once the responses are open (`Sealing.opened`).
struct ResultsController {
    static let name = FieldRule("name", "The scenario's name", .line(max: 100))
    static let description = FieldRule("description", "What the scenario stands for", .text(max: 1_000), required: false)

    struct Loaded: Sendable {
        var exercise: Exercise
        var results: Results
        var scenarios: [WeightScenario]
    }

    static func load(_ req: Request) async throws -> Loaded {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        guard let results = try await Results.load(e.id!, on: req.sql) else {
            throw Abort(.conflict, reason: "The criteria are frozen when the responses are opened; there are no results yet.")
        }
        let scenarios = try await WeightScenario.query(on: req.db).filter(\.$exercise.$id == e.id!).sort(\.$createdAt).sort(\.$name).all()
        return Loaded(exercise: e, results: results, scenarios: scenarios)
    }

    private func page(_ l: Loaded, _ f: FormState, _ req: Request) async throws -> Response {
        try await req.render(ResultsPages.results(l.exercise, l.results, l.scenarios, f))
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(try await Self.load(req), FormState(input: FormInput(), csrf: req.csrfToken), req)
    }

    @Sendable func addScenario(req: Request) async throws -> Response {
        let l = try await Self.load(req), input = FormInput.form(req), exerciseID = l.exercise.id!, now = req.now
        let criteria = l.results.criteria.criteria
        do {
            try await req.createAudited(WeightScenario(), from: input, action: "scenario.make") { s, v, tx in
                s.$exercise.id = exerciseID
                s.name = v.text(Self.name)
                s.description = v.text(Self.description)
                s.createdAt = now
                var weights: [WeightScenario.Weight] = []
                for c in criteria {
                    if let w = CriteriaController.readWeight(&v, c) { weights.append(.init(criterion: c.number, weight: w)) }
                }
                if v.errors.isEmpty, weights.reduce(0, { $0 + $1.weight }) <= 0 {
                    v.fail(CriteriaController.weight(criteria[0].number).name, "Give at least one objective a weight above 0")
                }
                s.weights = weights
                if v.errors["name"] == nil, !s.name.isEmpty,
                   try await WeightScenario.query(on: tx).filter(\.$exercise.$id == exerciseID).filter(\.$name == s.name).first() != nil {
                    v.conflict("name", "There is already a scenario called \(s.name)")
                }
            }
        } catch let failure as ValidationFailure {
            return try await page(l, FormState(input: input, errors: failure.errors, status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity,
                                               csrf: req.csrfToken), req)
        }
        return req.redirect(to: .results(.value(exerciseID)), flash: "The scenario is added")
    }

    @Sendable func removeScenario(req: Request) async throws -> Response {
        let l = try await Self.load(req)
        var v = Validator(FormInput.form(req))
        guard let id = req.parameters.get("scenario").flatMap(UUID.init(uuidString:)), l.scenarios.contains(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "This exercise has no scenario with that id.")
        }
        guard let seen = v.integer(AuditedWrite.version) else { throw Abort(.conflict, reason: "The form did not say which version of the scenario it removes.") }
        let removed = try await req.deleteAudited(WeightScenario.self, id, version: seen, action: "scenario.remove")
        return req.redirect(to: .results(.value(l.exercise.id!)), flash: "The scenario \(removed.name) is removed")
    }

    // MARK: Sensitivity

    struct SensitivityLoaded: Sendable {
        var exercise: Exercise
        var results: Results
        var runs: [SensitivityRun]
    }

    private func sensitivityPage(_ req: Request, _ f: FormState? = nil) async throws -> Response {
        let l = try await Self.load(req)
        let runs = try await SensitivityRun.query(on: req.db).filter(\.$exercise.$id == l.exercise.id!).sort(\.$number, .descending).all()
        let wanted = (try? req.query.get(Int.self, at: "run")).flatMap { n in runs.first { $0.number == n } }
        let shown = wanted ?? runs.first
        let form = f ?? FormState(input: Self.input(shown?.settings, l.results.criteria), csrf: req.csrfToken)
        return try await req.render(ResultsPages.sensitivity(l.exercise, l.results, runs: runs, shown: shown, form))
    }

    @Sendable func sensitivity(req: Request) async throws -> Response {
        try await sensitivityPage(req)
    }

    /// The form as a run's settings fill it (the board's order, with uncertainty, by default).
    static func input(_ s: Sensitivity.Settings?, _ criteria: Criteria) -> FormInput {
        guard let s else {
            return FormInput(["basis": "statements", "uncertainty": "yes"].merging(
                leadingByWeight(criteria).map { ("leading-\($0)", "yes") }) { a, _ in a })
        }
        var values = ["basis": s.basis.rawValue]
        if s.uncertainty { values["uncertainty"] = "yes" }
        for n in s.leading { values["leading-\(n)"] = "yes" }
        for (k, r) in s.ratios.enumerated() {
            values["ratio-\(k + 1)-first"] = String(r.criterion); values["ratio-\(k + 1)-factor"] = Weight.format(r.factor)
            values["ratio-\(k + 1)-second"] = String(r.other)
        }
        for i in s.intervals { values["lower-\(i.criterion)"] = Weight.format(i.lower); values["upper-\(i.criterion)"] = Weight.format(i.upper) }
        return FormInput(values)
    }

    /// The objectives the frozen weights put first: those with the highest weight, if not all.
    static func leadingByWeight(_ criteria: Criteria) -> [Int] {
        guard let top = criteria.criteria.map(\.weight).max() else { return [] }
        let lead = criteria.criteria.filter { $0.weight == top }.map(\.number)
        return lead.count == criteria.criteria.count ? [] : lead
    }

    static let ratios = 1...3

    static func readSettings(_ v: inout Validator, _ criteria: Criteria) -> Sensitivity.Settings {
        let numbers = criteria.criteria.map(\.number)
        let basis = v.choice(FieldRule.choice("basis", "what the council knows about the weights", Sensitivity.Settings.Basis.self), as: Sensitivity.Settings.Basis.self)
        func ticked(_ name: String) -> Bool {
            v.accept(name)
            return TextRules.trimmed(v.input[name]) == "yes"
        }
        let leading = numbers.filter { ticked("leading-\($0)") }
        if leading.count == numbers.count { v.fail("leading-\(numbers[0])", "Leave at least one objective unticked: ticking them all says nothing") }
        var ratios: [Sensitivity.Settings.Ratio] = []
        let choices = numbers.map(String.init)
        for k in Self.ratios {
            let first = v.text(FieldRule("ratio-\(k)-first", "The objective that weighs more, in statement \(k)", .line(max: 3), required: false))
            let second = v.text(FieldRule("ratio-\(k)-second", "The objective it is compared with, in statement \(k)", .line(max: 3), required: false))
            let factor = v.decimal(FieldRule("ratio-\(k)-factor", "How many times, in statement \(k)", .decimal(0.1...10), required: false))
            guard !(first.isEmpty && second.isEmpty && factor == nil) else { continue }
            guard choices.contains(first) else { v.fail("ratio-\(k)-first", "Choose the objective that weighs more, in statement \(k)"); continue }
            guard let factor else { if v.errors["ratio-\(k)-factor"] == nil { v.fail("ratio-\(k)-factor", "Enter how many times, in statement \(k)") }; continue }
            guard choices.contains(second), second != first else { v.fail("ratio-\(k)-second", "Choose another objective to compare with, in statement \(k)"); continue }
            ratios.append(.init(criterion: Int(first)!, factor: factor, other: Int(second)!))
        }
        var intervals: [Sensitivity.Settings.Interval] = []
        for c in criteria.criteria {
            let lower = v.decimal(FieldRule("lower-\(c.number)", "The least share of objective \(c.numeral)", .decimal(0...100), required: false))
            let upper = v.decimal(FieldRule("upper-\(c.number)", "The greatest share of objective \(c.numeral)", .decimal(0...100), required: false))
            guard lower != nil || upper != nil else { continue }
            if let lower, let upper, lower > upper { v.fail("upper-\(c.number)", "The greatest share of objective \(c.numeral) must be at least its least share"); continue }
            intervals.append(.init(criterion: c.number, lower: lower ?? 0, upper: upper ?? 100))
        }
        if basis == .exact, !leading.isEmpty || !ratios.isEmpty || !intervals.isEmpty {
            v.fail("basis", "With the weights known exactly the statements below say nothing more: clear them, or choose to use only the statements")
        }
        return Sensitivity.Settings(basis: basis ?? .statements, leading: basis == .exact ? [] : leading, ratios: ratios, intervals: intervals,
                                    uncertainty: ticked("uncertainty"), samples: Sensitivity.samples)
    }

    /// Runs the analysis on the scores as they stand and keeps it as the next numbered run.
    @Sendable func runSensitivity(req: Request) async throws -> Response {
        let l = try await Self.load(req), input = FormInput.form(req)
        var v = Validator(input)
        let settings = Self.readSettings(&v, l.results.criteria)
        if v.errors.isEmpty, !l.results.rows.contains(where: \.ranked) {
            v.conflict("basis", "No response in the ranking has a score on every objective yet, so there is nothing to analyse")
        }
        let results = l.results
        var outcome: Sensitivity.Result?
        if v.errors.isEmpty {
            // A fresh seed each run, kept with it: the same seed on the same scores gives the same figures.
            // Below 2⁵³, so that every JSON reader holds it exactly.
            let seed = UInt64.random(in: 1...(1 << 53 - 1))
            do {
                outcome = try await req.application.threadPool.runIfActive {
                    try Sensitivity.analyse(results, settings, seed: seed)
                }
            } catch let error as DecisionError {
                v.fail("statements", "\(error.description) Change the statements.")
            }
        }
        guard v.errors.isEmpty, let outcome else {
            return try await sensitivityPage(req, FormState(input: input, errors: v.errors, status: v.errors.onlyConflicts ? .conflict : .unprocessableEntity,
                                                            csrf: req.csrfToken))
        }
        let exerciseID = l.exercise.id!, actor = req.actor, now = req.now, by = try req.requireUser().name
        let run = try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(SensitivityRun.schema, on: tx)
            let run = SensitivityRun()
            run.$exercise.id = exerciseID
            run.number = (try await SensitivityRun.query(on: tx).filter(\.$exercise.$id == exerciseID).max(\.$number) ?? 0) + 1
            run.runAt = now
            run.runBy = by
            run.settingsJSON = sortedJSONText(settings)
            run.resultJSON = sortedJSONText(outcome)
            try await run.create(on: tx)
            try await AuditTrail.record("sensitivity.run", run, before: nil, by: actor, at: now, on: tx)
            return run
        }
        return req.redirect(to: .sensitivity(.value(exerciseID)), flash: "Analysis \(run.number) is done")
    }
}
