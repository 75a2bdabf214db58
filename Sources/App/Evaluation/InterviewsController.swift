import Fluent
import Vapor

/// The officer's shortlist and interviews page: choose organisations for interview, schedule
/// each inside the interview window with members of the panel (never one in two places at
/// once), and record notes and an outcome. Only once the responses are open.
struct InterviewsController {
    struct Loaded: Sendable {
        var exercise: Exercise
        var results: Results
        var shortlist: [ShortlistEntry]
        var interviews: [Interview]
        var panel: [Interviews.Member]
    }

    static func load(_ req: Request) async throws -> Loaded {
        let l = try await ResultsController.load(req), id = l.exercise.id!
        let shortlist = try await ShortlistEntry.query(on: req.db).filter(\.$exercise.$id == id).sort(\.$addedAt).all()
        let interviews = try await Interview.query(on: req.db).filter(\.$exercise.$id == id).sort(\.$startsAt).all()
        let panel = try await PanelMember.query(on: req.db).filter(\.$exercise.$id == id).with(\.$user).all()
            .map { Interviews.Member(id: $0.$user.id, name: $0.user.name) }.sorted { $0.name < $1.name }
        return Loaded(exercise: l.exercise, results: l.results, shortlist: shortlist, interviews: interviews, panel: panel)
    }

    private func page(_ l: Loaded, shortlist: FormState, schedule: FormState, _ req: Request) async throws -> Response {
        try await req.render(InterviewPages.page(l, shortlist: shortlist, schedule: schedule))
    }

    private func fresh(_ req: Request) -> FormState { FormState(input: FormInput(["minutes": "60"]), csrf: req.csrfToken) }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(try await Self.load(req), shortlist: fresh(req), schedule: fresh(req), req)
    }

    @Sendable func addToShortlist(req: Request) async throws -> Response {
        let l = try await Self.load(req), input = FormInput.form(req), exerciseID = l.exercise.id!, now = req.now
        let respondents = Set(l.results.rows.map(\.organisation))
        do {
            try await req.createAudited(ShortlistEntry(), from: input, action: "shortlist.add") { s, v, tx in
                s.$exercise.id = exerciseID
                s.reason = v.text(Interviews.reason)
                s.addedAt = now
                guard let o = v.reference(Interviews.organisation) else { return }
                guard respondents.contains(o) else { v.fail(Interviews.organisation.name, "Select an organisation whose response counts"); return }
                s.$organisation.id = o
                if try await ShortlistEntry.query(on: tx).filter(\.$exercise.$id == exerciseID).filter(\.$organisation.$id == o).first() != nil {
                    v.conflict(Interviews.organisation.name, "That organisation is already on the shortlist")
                }
            }
        } catch let failure as ValidationFailure {
            return try await page(l, shortlist: FormState(input: input, errors: failure.errors, status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity,
                                                          csrf: req.csrfToken), schedule: fresh(req), req)
        }
        return req.redirect(to: .interviews(.value(exerciseID)), flash: "The organisation is on the shortlist")
    }

    @Sendable func removeFromShortlist(req: Request) async throws -> Response {
        let l = try await Self.load(req)
        guard let id = req.parameters.get("entry").flatMap(UUID.init(uuidString:)), let entry = l.shortlist.first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "This exercise's shortlist has no entry with that id.")
        }
        guard !l.interviews.contains(where: { $0.$organisation.id == entry.$organisation.id }) else {
            throw Abort(.conflict, reason: "Cancel the organisation's interview before taking it off the shortlist.")
        }
        var v = Validator(FormInput.form(req))
        guard let seen = v.integer(AuditedWrite.version) else { throw Abort(.conflict, reason: "The form did not say which version it removes.") }
        try await req.deleteAudited(ShortlistEntry.self, id, version: seen, action: "shortlist.remove")
        return req.redirect(to: .interviews(.value(l.exercise.id!)), flash: "Taken off the shortlist")
    }

    @Sendable func schedule(req: Request) async throws -> Response {
        let l = try await Self.load(req), input = FormInput.form(req), e = l.exercise, panel = l.panel
        let shortlisted = Set(l.shortlist.map { $0.$organisation.id })
        do {
            try await req.createAudited(Interview(), from: input, action: "interview.schedule") { i, v, tx in
                i.$exercise.id = e.id!
                try await Interviews.schedule(i, &v, exercise: e, panel: panel, shortlisted: shortlisted, on: tx)
            }
        } catch let failure as ValidationFailure {
            return try await page(l, shortlist: fresh(req), schedule: FormState(input: input, errors: failure.errors,
                                                                                status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity, csrf: req.csrfToken), req)
        }
        return req.redirect(to: .interviews(.value(e.id!)), flash: "The interview is scheduled")
    }

    private func interview(_ l: Loaded, _ req: Request) throws -> Interview {
        guard let id = req.parameters.get("interview").flatMap(UUID.init(uuidString:)), let i = l.interviews.first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "This exercise has no interview with that id.")
        }
        return i
    }

    @Sendable func record(req: Request) async throws -> Response {
        let l = try await Self.load(req), i = try interview(l, req)
        return try await req.render(InterviewPages.record(l, i, FormState(input: FormInput.editing(i), csrf: req.csrfToken)))
    }

    /// The notes and the outcome, as any audited edit: a stale form is told, what was typed kept.
    @Sendable func saveRecord(req: Request) async throws -> Response {
        let l = try await Self.load(req), i = try interview(l, req), input = FormInput.form(req)
        do {
            try await req.editAudited(Interview.self, i.id!, from: input) { i, v, _ in
                i.notes = v.text(Interviews.notes)
                if TextRules.trimmed(v.input["outcome"]).isEmpty {
                    v.accept("outcome")
                    i.outcome = nil
                } else {
                    i.outcome = v.choice(Interviews.outcome, as: Interview.Outcome.self)
                }
                return "interview.record"
            }
        } catch let failure as ValidationFailure {
            return try await req.render(InterviewPages.record(l, i, FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        } catch let stale as StaleEdit {
            return try await req.render(InterviewPages.record(l, i, FormState(input: input.setting("version", String(stale.current)), errors: stale.errors,
                                                                              status: .conflict, csrf: req.csrfToken)))
        }
        return req.redirect(to: .interviews(.value(l.exercise.id!)), flash: "The interview's notes are saved")
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        let l = try await Self.load(req), i = try interview(l, req)
        var v = Validator(FormInput.form(req))
        guard let seen = v.integer(AuditedWrite.version) else { throw Abort(.conflict, reason: "The form did not say which version it cancels.") }
        try await req.deleteAudited(Interview.self, i.id!, version: seen, action: "interview.cancel")
        return req.redirect(to: .interviews(.value(l.exercise.id!)), flash: "The interview is cancelled")
    }
}
