import Fluent
import SQLKit
import Vapor

/// The officer's pages for exercises: the list, one exercise, its forms and its actions.
struct ExercisesController {
    @Sendable func list(req: Request) async throws -> Response {
        let now = req.now
        let exercises = try await Exercise.query(on: req.db).sort(\.$responseDeadline, .descending).sort(\.$reference).all()
        return try await req.render(ExercisePages.list(exercises.map {
            .init(id: $0.id!, reference: $0.reference, title: $0.title, stage: $0.stage(at: now), deadline: $0.responseDeadline)
        }))
    }

    private func find(_ req: Request) async throws -> Exercise {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return e
    }

    static func objectives(_ db: any Database) async throws -> [ExercisePages.ObjectiveName] {
        try await Objective.query(on: db).sort(\.$number).all().map { .init(number: $0.number, title: $0.title) }
    }

    /// Everything the exercise's pages show of it.
    static func shown(_ e: Exercise, on req: Request) async throws -> ExercisePages.Shown {
        let id = try e.requireID()
        let extensions = try await DeadlineExtension.query(on: req.db).filter(\.$exercise.$id == id).sort(\.$madeAt).all()
        let releases = try await NoticeRelease.query(on: req.db).filter(\.$exercise.$id == id).sort(\.$number).all()
        return ExercisePages.Shown(
            id: id, version: e.version, stage: e.stage(at: req.now), notice: try await NoticeSnapshot.make(e, on: req.db),
            extensions: extensions.map { .init(from: $0.previousDeadline, to: $0.newDeadline, reason: $0.reason, at: $0.madeAt) },
            releases: releases.map { .init(number: $0.number, at: $0.releasedAt, summary: $0.summary) },
            objectives: try await Self.objectives(req.db), now: req.now)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let e = try await find(req)
        return try await req.render(ExercisePages.overview(try await Self.shown(e, on: req), csrf: req.csrfToken))
    }

    // MARK: The notice and its dates

    private func detailsForm(_ req: Request, _ e: Exercise?) -> FormSave<Exercise> {
        let id = e?.id, title = e?.title, published = e.map { $0.status != .draft } ?? false, deadline = e?.responseDeadline
        return FormSave(req, rules: ExerciseRules.details) { f in
            try await req.render(ExercisePages.detailsForm(id: id, title: title, published: published, deadline: deadline, f))
        }
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await detailsForm(req, nil).show(FormInput(["disclaimer": Exercise.standardDisclaimer]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await detailsForm(req, nil).run(req, id: nil, input: input, write: { try await ExerciseWrites.create(from: input, on: req) }) {
            req.redirect(to: .exercise(.value($0.id!)), flash: "Exercise \($0.reference) saved as a draft")
        }
    }

    @Sendable func details(req: Request) async throws -> Response {
        let e = try await find(req)
        guard e.isEditable(at: req.now) else { return req.redirect(to: .exercise(.value(e.id!))) }
        return try await detailsForm(req, e).show(FormInput.editing(e))
    }

    @Sendable func saveDetails(req: Request) async throws -> Response {
        let e = try await find(req), id = e.id!
        let input = FormInput.form(req)
        return try await detailsForm(req, e).run(req, id: id, input: input.over(e.currentInput), write: { try await ExerciseWrites.updateDetails(id, from: input, on: req) }) {
            req.redirect(to: .exercise(.value($0.id!)), flash: "The notice of \($0.reference) was saved")
        }
    }

    // MARK: Scope

    private func scopeForm(_ req: Request, _ e: Exercise) -> FormSave<Exercise> {
        let id = e.id!, title = e.title
        return FormSave(req, rules: []) { f in
            let rows = try await req.sql.raw("""
                SELECT s.id, s.name, d.name AS area FROM services s JOIN divisions d ON d.id = s.division_id ORDER BY d.position, s.position
                """).all()
            let services = try rows.map { ExercisePages.ScopeChoice(id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                                                                     area: try $0.decode(column: "area", as: String.self)) }
            return try await req.render(ExercisePages.scopeForm(id: id, title: title, services: services, f))
        }
    }

    static func scopeInput(_ e: Exercise) -> FormInput {
        var input = FormInput(["version": String(e.version)])
        for item in e.scope {
            let key = item.service.lowercasedString
            input.values["service-" + key] = .text("yes")
            input.values["cpv-" + key] = .text(item.cpv.joined(separator: ", "))
        }
        return input
    }

    @Sendable func scope(req: Request) async throws -> Response {
        let e = try await find(req)
        guard e.isEditable(at: req.now) else { return req.redirect(to: .exercise(.value(e.id!))) }
        return try await scopeForm(req, e).show(Self.scopeInput(e))
    }

    @Sendable func saveScope(req: Request) async throws -> Response {
        let e = try await find(req), id = e.id!
        let input = FormInput.form(req)
        return try await scopeForm(req, e).run(req, id: id, input: input, write: { try await ExerciseWrites.updateScope(id, from: input, on: req) }) {
            req.redirect(to: .exercise(.value($0.id!)), flash: "The scope of \($0.reference) was saved")
        }
    }

    // MARK: Benefits

    private func benefitsForm(_ req: Request, _ e: Exercise, slots: Int) -> FormSave<Exercise> {
        let id = e.id!, title = e.title
        return FormSave(req, rules: []) { f in
            try await req.render(ExercisePages.benefitsForm(id: id, title: title, objectives: try await Self.objectives(req.db), slots: slots, f))
        }
    }

    static func benefitsInput(_ e: Exercise) -> FormInput {
        var input = FormInput(["version": String(e.version)])
        for (i, b) in e.benefits.enumerated() {
            input.values["benefit-\(i + 1)"] = .text(b.text)
            for n in b.objectives { input.values["benefit-\(i + 1)-objective-\(n)"] = .text("yes") }
        }
        return input
    }

    @Sendable func benefits(req: Request) async throws -> Response {
        let e = try await find(req)
        guard e.isEditable(at: req.now) else { return req.redirect(to: .exercise(.value(e.id!))) }
        return try await benefitsForm(req, e, slots: min(e.benefits.count + 1, ExerciseRules.maxBenefits)).show(Self.benefitsInput(e))
    }

    @Sendable func saveBenefits(req: Request) async throws -> Response {
        let e = try await find(req), id = e.id!
        let input = FormInput.form(req)
        // Shown again with as many places as were sent (what was typed is never dropped).
        let sent = (1...ExerciseRules.maxBenefits).last { input.has("benefit-\($0)") } ?? 0
        let slots = min(max(sent, e.benefits.count + 1), ExerciseRules.maxBenefits)
        return try await benefitsForm(req, e, slots: slots).run(req, id: id, input: input, write: { try await ExerciseWrites.updateBenefits(id, from: input, on: req) }) {
            req.redirect(to: .exercise(.value($0.id!)), flash: "The benefits sought by \($0.reference) were saved")
        }
    }

    // MARK: Publish, extend, cancel

    /// Publishes the draft if it is complete; if not, the exercise again with what is missing (409).
    @Sendable func publish(req: Request) async throws -> Response {
        let e = try await find(req), id = e.id!
        guard let version = Int(FormInput.form(req)["version"]) else { return try await staleOverview(req, e) }
        do {
            let published = try await ExerciseWrites.publish(id, version: version, on: req)
            return req.redirect(to: .exercise(.value(id)), flash: "The notice of \(published.reference) is published")
        } catch let failure as ValidationFailure {
            guard let current = try await Exercise.find(id, on: req.db) else { throw Abort(.notFound) }
            let problems = failure.errors.items.map { (field: $0.field, message: $0.message) }
            return try await req.render(ExercisePages.overview(try await Self.shown(current, on: req), csrf: req.csrfToken, problems: problems))
        } catch is StaleEdit {
            return try await staleOverview(req, e)
        }
    }

    private func staleOverview(_ req: Request, _ e: Exercise) async throws -> Response {
        guard let current = try await Exercise.find(e.id!, on: req.db) else { throw Abort(.notFound) }
        return try await req.render(ExercisePages.overview(try await Self.shown(current, on: req), csrf: req.csrfToken, problems: [
            ("version", "Someone changed this exercise since you opened it, so nothing was published. Here it is as it is now: look it over and publish again."),
        ]))
    }

    private func extendForm(_ req: Request, _ e: Exercise) -> FormSave<Exercise> {
        let id = e.id!, title = e.title, deadline = e.responseDeadline
        return FormSave(req, rules: []) { f in try await req.render(ExercisePages.extendForm(id: id, title: title, deadline: deadline, f)) }
    }

    @Sendable func extendForm(req: Request) async throws -> Response {
        let e = try await find(req)
        guard e.stage(at: req.now) == .open else { return req.redirect(to: .exercise(.value(e.id!))) }
        let windows = ["evaluationFrom", "evaluationTo", "interviewFrom", "interviewTo", "decisionOn"]
        var input = FormInput(["version": String(e.version)])
        for name in windows { input.values[name] = e.currentInput[name] }
        return try await extendForm(req, e).show(input)
    }

    @Sendable func extend(req: Request) async throws -> Response {
        let e = try await find(req), id = e.id!
        let input = FormInput.form(req)
        return try await extendForm(req, e).run(req, id: id, input: input.over(e.currentInput.filter { $0.key.hasPrefix("evaluation") || $0.key.hasPrefix("interview") || $0.key == "decisionOn" }), write: { try await ExerciseWrites.extend(id, from: input, on: req) }) {
            req.redirect(to: .exercise(.value($0.id!)), flash: "The response deadline of \($0.reference) is now \(LondonTime.dateTime($0.responseDeadline!))")
        }
    }

    private func cancelForm(_ req: Request, _ e: Exercise) -> FormSave<Exercise> {
        let id = e.id!, title = e.title
        return FormSave(req, rules: []) { f in try await req.render(ExercisePages.cancelForm(id: id, title: title, f)) }
    }

    @Sendable func cancelForm(req: Request) async throws -> Response {
        let e = try await find(req)
        guard e.status != .cancelled, e.status != .concluded else { return req.redirect(to: .exercise(.value(e.id!))) }
        return try await cancelForm(req, e).show(FormInput(["version": String(e.version)]))
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let e = try await find(req), id = e.id!
        let input = FormInput.form(req)
        return try await cancelForm(req, e).run(req, id: id, input: input, write: { try await ExerciseWrites.cancel(id, from: input, on: req) }) {
            req.redirect(to: .exercise(.value($0.id!)), flash: "\($0.reference) was cancelled")
        }
    }
}
