import Fluent
import Vapor

/// The officer's side of the panel: who evaluates and moderates an exercise, and what each
/// evaluator has declared.
struct PanelController {
    private func exercise(_ req: Request) async throws -> Exercise {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return e
    }

    /// The page's figures, read afresh for every showing.
    static func view(_ e: Exercise, on db: any Database) async throws -> PanelPages.Panel {
        let members = try await PanelMember.query(on: db).filter(\.$exercise.$id == e.id!).with(\.$user).sort(\.$addedAt).all()
        let onPanel = Set(members.map { $0.$user.id })
        let eligible = try await User.query(on: db).filter(\.$role ~~ [.evaluator, .moderator]).filter(\.$isActive == true)
            .sort(\.$name).all().filter { !onPanel.contains($0.id!) }
        let opened = e.openedAt != nil
        let respondents = opened ? try await Panel.respondents(e.id!, on: db) : []
        let declarations = try await Declaration.query(on: db).filter(\.$exercise.$id == e.id!).with(\.$organisation).all()
        let counting = Set(respondents.map(\.id!))
        return PanelPages.Panel(
            exerciseID: e.id!, reference: e.reference, title: e.title, cancelled: e.status == .cancelled, opened: opened,
            respondents: respondents.count,
            members: members.map { m in
                let own = declarations.filter { $0.$evaluator.id == m.$user.id && counting.contains($0.$organisation.id) }
                return .init(id: m.id!, version: m.version, userID: m.$user.id, name: m.user.name, email: m.user.email, role: m.role,
                             addedAt: m.addedAt, declared: own.count, conflicts: own.filter(\.conflict).count)
            },
            conflicts: declarations.filter(\.conflict).compactMap { d in
                guard let m = members.first(where: { $0.$user.id == d.$evaluator.id }), counting.contains(d.$organisation.id) else { return nil }
                return .init(evaluator: m.user.name, organisation: d.organisation.name, note: d.note)
            }.sorted { ($0.evaluator, $0.organisation) < ($1.evaluator, $1.organisation) },
            eligible: eligible.map { .init(id: $0.id!, name: $0.name, role: $0.role == .moderator ? .moderator : .evaluator) })
    }

    @Sendable func show(req: Request) async throws -> Response {
        let e = try await exercise(req)
        return try await req.render(PanelPages.panel(try await Self.view(e, on: req.db), FormState(input: FormInput(), csrf: req.csrfToken)))
    }

    /// Adds an evaluator or the moderator. Checked under the table's lock: the person is an
    /// active evaluator or moderator, not already on the panel, and the panel has no other moderator.
    @Sendable func add(req: Request) async throws -> Response {
        let e = try await exercise(req), input = FormInput.form(req), now = req.now, exerciseID = e.id!
        let member = PanelMember()
        do {
            try await req.createAudited(member, from: input, action: "panel.add") { m, v, tx in
                guard let userID = v.reference(Panel.user) else { return }
                guard let current = try await Exercise.find(exerciseID, on: tx), current.status != .cancelled else {
                    v.conflict("user", "The exercise is cancelled, so its panel cannot change"); return
                }
                // A draft is seen by officers only; its panel is made once it is published.
                guard current.status != .draft else {
                    v.conflict("user", "The exercise is still a draft. Its panel is made once it is published"); return
                }
                guard let person = try await User.find(userID, on: tx), person.isActive,
                      person.role == .evaluator || person.role == .moderator else {
                    v.fail("user", "Select an evaluator or a moderator from the list"); return
                }
                let members = try await PanelMember.query(on: tx).filter(\.$exercise.$id == exerciseID).with(\.$user).all()
                if members.contains(where: { $0.$user.id == userID }) {
                    v.conflict("user", "\(person.name) is already on the panel"); return
                }
                let role: PanelMember.Role = person.role == .moderator ? .moderator : .evaluator
                if role == .moderator, let other = members.first(where: { $0.role == .moderator }) {
                    v.conflict("user", "The panel already has a moderator, \(other.user.name). Remove them first to choose another"); return
                }
                m.$exercise.id = exerciseID
                m.$user.id = userID
                m.role = role
                m.addedAt = now
            }
        } catch let failure as ValidationFailure {
            return try await req.render(PanelPages.panel(try await Self.view(e, on: req.db),
                                                         FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        }
        let name = try await User.find(member.$user.id, on: req.db)?.name ?? "They"
        return req.redirect(to: .evaluationPanel(.value(exerciseID)), flash: "\(name) is on the panel")
    }

    /// Takes someone off the panel. What they declared stays, and so does its audit trail.
    /// A form from before a change to the panel (or without its version) shows the panel as it is
    /// now and removes nothing.
    @Sendable func remove(req: Request) async throws -> Response {
        let e = try await exercise(req)
        guard let id = req.parameters.get("member").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        /// The panel as it is now, with why nothing was removed (409).
        func unchanged(_ why: String = "The panel changed since you opened it, so nobody was removed. Here it is as it is now.") async throws -> Response {
            try await req.render(PanelPages.panel(try await Self.view(e, on: req.db), FormState(
                input: FormInput(), notice: "<div class=\"notice\" role=\"alert\"><p class=\"body\">\(why)</p></div>", status: .conflict, csrf: req.csrfToken)))
        }
        guard let member = try await PanelMember.query(on: req.db).filter(\.$id == id).filter(\.$exercise.$id == e.id!).with(\.$user).first() else {
            // Not on this exercise's panel: removed by someone else since, or never here.
            if try await PanelMember.find(id, on: req.db) != nil { throw Abort(.notFound) }
            return try await unchanged()
        }
        guard e.status != .cancelled else { return try await unchanged("The exercise is cancelled, so its panel cannot change.") }
        guard let seen = Int(FormInput.form(req)["version"]) else { return try await unchanged() }
        do {
            try await req.deleteAudited(PanelMember.self, id, version: seen, action: "panel.remove")
        } catch is StaleEdit {
            return try await unchanged()
        } catch let abort as Abort where abort.status == .notFound {
            return try await unchanged()
        }
        return req.redirect(to: .evaluationPanel(.value(e.id!)), flash: "\(member.user.name) is no longer on the panel")
    }
}
