import Fluent
import SQLKit
import Vapor

/// The officer's pages for the organisation model: directorates, service areas, services and
/// their profiles.
struct ManageOrganisationController {
    var endpoints: [Endpoint] {
        [
            .get(.manage, .officer, dashboard),
            .get(.directorates, .officer, directorates),
            .get(.newDirectorate, .officer, newDirectorate),
            .post(.newDirectorate, .officer, createDirectorate),
            .get(.directorate(.key), .officer, editDirectorate),
            .post(.directorate(.key), .officer, updateDirectorate),
            .get(.newDivision, .officer, newDivision),
            .post(.newDivision, .officer, createDivision),
            .get(.division(.key), .officer, editDivision),
            .post(.division(.key), .officer, updateDivision),
            .get(.manageServices, .officer, services),
            .get(.newService, .officer, newService),
            .post(.newService, .officer, createService),
            .get(.manageService(.key), .officer, editService),
            .post(.manageService(.key), .officer, updateService),
            .get(.serviceProfile(.key), .officer, editProfile),
            .post(.serviceProfile(.key), .officer, updateProfile),
            .post(.publishProfile(.key), .officer, publish),
            .post(.unpublishProfile(.key), .officer, unpublish),
        ]
    }

    // MARK: Dashboard

    @Sendable func dashboard(req: Request) async throws -> Response {
        struct Counts: Decodable { var published: Int; var services: Int; var objectives: Int; var pledges: Int; var areas: Int }
        let counts = try await req.sql.raw("""
            SELECT (SELECT COUNT(*) FROM services WHERE status = 'published') AS published, (SELECT COUNT(*) FROM services) AS services,
                   (SELECT COUNT(*) FROM objectives) AS objectives, (SELECT COUNT(*) FROM pledges) AS pledges, (SELECT COUNT(*) FROM divisions) AS areas
            """).first(decoding: Counts.self) ?? Counts(published: 0, services: 0, objectives: 0, pledges: 0, areas: 0)
        return try await req.render(Page(title: "Manage the programme", body: """
            <h1 class="heading-l">Manage the programme</h1>
            \(Component.summaryList([
                .init(key: "Service areas", value: "\(counts.areas)", action: ("Manage", .directorates, "directorates and service areas")),
                .init(key: "Service profiles", value: "\(counts.published) published, \(counts.services - counts.published) draft", action: ("Manage", .manageServices, "services")),
                .init(key: "Objectives", value: "\(counts.objectives)", action: ("Manage", .objectives, "objectives and weights")),
                .init(key: "Pledges", value: "\(counts.pledges)", action: ("Manage", .pledges, "pledges")),
            ]))
            <p class="body">Programs can use the same data through the <a class="link" href="\(SiteURL.apiTokens.path)">API, with a token</a>.</p>
            """))
    }

    // MARK: Directorates

    @Sendable func directorates(req: Request) async throws -> Response {
        let directorates = try await Directorate.query(on: req.db).sort(\.$position)
            .with(\.$divisions) { $0.with(\.$services) }.all()
        let sections = directorates.map { d -> HTML in
            let rows = d.divisions.sorted { $0.position < $1.position }.map { area -> [HTML] in
                ["\(area.name)", "\(area.services.count)",
                 "<a class=\"link\" href=\"\(SiteURL.division(.value(area.id!)).path)\">Change<span class=\"visually-hidden\"> \(area.name)</span></a>"]
            }
            return """
            <h2 class="heading-m">\(d.name)</h2>
            <p class="body"><a class="link" href="\(SiteURL.directorate(.value(d.id!)).path)">Change<span class="visually-hidden"> \(d.name)</span> name or position</a>
             · <a class="link" href="\(SiteURL.newDivision.path)?directorate=\(d.id!.uuidString.lowercased())">Add a service area<span class="visually-hidden"> to \(d.name)</span></a></p>
            \(rows.isEmpty ? "<p class=\"body\">No service areas yet.</p>" as HTML : Component.table(caption: "Service areas in \(d.name)", headers: ["Service area", "Services", "Action"], rows: rows, numericColumns: [1]))
            """
        }
        return try await req.render(Page(title: "Directorates and service areas", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Directorates and service areas</h1>
            <p class="body"><a class="button" href="\(SiteURL.newDirectorate.path)">Add a directorate</a></p>
            \(sections)
            """))
    }

    private func directorateForm(_ req: Request, editing record: Directorate?) -> FormSave<Directorate> {
        let id = record?.id, storedName = record?.name ?? ""
        return FormSave(rules: Editing.DirectorateRules.all) { input, errors, notice, status in
            let title = id == nil ? "Add a directorate" : "Change \(storedName)"
            return try await req.render(Page(title: title, breadcrumbs: [("Manage", .manage), ("Directorates", .directorates)], body: """
                \(Component.errorSummary(errors))
                <h1 class="heading-l">\(title)</h1>
                \(notice)
                <form method="post" action="\((id.map { SiteURL.directorate(.value($0)) } ?? .newDirectorate).path)" novalidate>
                  \(Component.csrf(req.csrfToken))\(Component.version(input))
                  \(Component.input("name", label: "Name", value: input["name"], error: errors["name"], width: "20"))
                  \(Component.input("position", label: "Position in lists", value: input["position"], error: errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
                  \(Component.button("Save"))
                </form>
                """, status: status, hasErrors: !errors.isEmpty))
        }
    }

    @Sendable func newDirectorate(req: Request) async throws -> Response {
        try await directorateForm(req, editing: nil).form(FormInput(), FormErrors(), .empty, .ok)
    }

    @Sendable func createDirectorate(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await directorateForm(req, editing: nil).run(req, id: nil, input: input, write: { try await Directorate.create(from: input, on: req) }) {
            req.redirect(to: .directorates, flash: "Directorate \($0.name) added")
        }
    }

    @Sendable func editDirectorate(req: Request) async throws -> Response {
        guard let d = try await Directorate.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await directorateForm(req, editing: d).form(FormInput.editing(d), FormErrors(), .empty, .ok)
    }

    @Sendable func updateDirectorate(req: Request) async throws -> Response {
        guard let record = try await Directorate.find(req.uuid(), on: req.db), let id = record.id else { throw Abort(.notFound) }
        let input = FormInput.form(req)
        return try await directorateForm(req, editing: record).run(req, id: id, input: input, write: { try await Directorate.update(id, from: input, on: req) }) {
            req.redirect(to: .directorates, flash: "Directorate \($0.name) saved")
        }
    }

    // MARK: Service areas

    private func divisionForm(_ req: Request, editing record: Division?) -> FormSave<Division> {
        let id = record?.id, storedName = record?.name ?? ""
        return FormSave(rules: Editing.DivisionRules.all) { input, errors, notice, status in
            let directorates = try await Directorate.query(on: req.db).sort(\.$position).all()
            let title = id == nil ? "Add a service area" : "Change \(storedName)"
            return try await req.render(Page(title: title, breadcrumbs: [("Manage", .manage), ("Directorates", .directorates)], body: """
                \(Component.errorSummary(errors))
                <h1 class="heading-l">\(title)</h1>
                \(notice)
                <form method="post" action="\((id.map { SiteURL.division(.value($0)) } ?? .newDivision).path)" novalidate>
                  \(Component.csrf(req.csrfToken))\(Component.version(input))
                  \(Component.select("directorateId", label: "Directorate", options: directorates.map { ($0.id!.uuidString.lowercased(), $0.name) }, selected: input["directorateId"].lowercased(), error: errors["directorateId"]))
                  \(Component.input("name", label: "Name", value: input["name"], error: errors["name"], width: "20"))
                  \(Component.textarea("summary", label: "Summary", value: input["summary"], error: errors["summary"], hint: "One or two sentences shown on the public list of services.", rows: 3))
                  \(Component.input("position", label: "Position in lists", value: input["position"], error: errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
                  \(Component.button("Save"))
                </form>
                """, status: status, hasErrors: !errors.isEmpty))
        }
    }

    @Sendable func newDivision(req: Request) async throws -> Response {
        try await divisionForm(req, editing: nil).form(FormInput(["directorateId": req.query[String.self, at: "directorate"] ?? ""]), FormErrors(), .empty, .ok)
    }

    @Sendable func createDivision(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await divisionForm(req, editing: nil).run(req, id: nil, input: input, write: { try await Division.create(from: input, on: req) }) {
            req.redirect(to: .directorates, flash: "Service area \($0.name) added")
        }
    }

    @Sendable func editDivision(req: Request) async throws -> Response {
        guard let d = try await Division.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await divisionForm(req, editing: d).form(FormInput.editing(d), FormErrors(), .empty, .ok)
    }

    @Sendable func updateDivision(req: Request) async throws -> Response {
        guard let record = try await Division.find(req.uuid(), on: req.db), let id = record.id else { throw Abort(.notFound) }
        let input = FormInput.form(req)
        return try await divisionForm(req, editing: record).run(req, id: id, input: input, write: { try await Division.update(id, from: input, on: req) }) {
            req.redirect(to: .directorates, flash: "Service area \($0.name) saved")
        }
    }

    // MARK: Services

    @Sendable func services(req: Request) async throws -> Response {
        let areas = try await Division.query(on: req.db).sort(\.$position).with(\.$services).all()
        let sections = areas.map { area -> HTML in
            let rows = area.services.sorted { $0.position < $1.position }.map { s -> [HTML] in [
                "<a class=\"link\" href=\"\(SiteURL.service(.value(s.slug)).path)\">\(s.name)</a>",
                s.status == .published ? Component.tag("Published", "green") : Component.tag("Draft", "grey"),
                "<a class=\"link\" href=\"\(SiteURL.serviceProfile(.value(s.id!)).path)\">Edit profile<span class=\"visually-hidden\"> of \(s.name)</span></a> · <a class=\"link\" href=\"\(SiteURL.manageService(.value(s.id!)).path)\">Rename or move<span class=\"visually-hidden\"> \(s.name)</span></a>",
            ] }
            return """
            \(Component.table(caption: area.name, headers: ["Service", "Profile", "Actions"], rows: rows))
            <p class="body"><a class="link" href="\(SiteURL.newService.path)?division=\(area.id!.uuidString.lowercased())">Add a service<span class="visually-hidden"> to \(area.name)</span></a></p>
            """
        }
        return try await req.render(Page(title: "Services and profiles", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Services and profiles</h1>
            <p class="body">A profile is public once it is published. Drafts are seen only by officers.</p>
            \(sections)
            """))
    }

    private func serviceForm(_ req: Request, editing record: Service?) -> FormSave<Service> {
        let id = record?.id, storedName = record?.name ?? ""
        return FormSave(rules: Editing.ServiceRules.placement) { input, errors, notice, status in
            let areas = try await Division.query(on: req.db).sort(\.$position).all()
            let title = id == nil ? "Add a service" : "Change \(storedName)"
            return try await req.render(Page(title: title, breadcrumbs: [("Manage", .manage), ("Services", .manageServices)], body: """
                \(Component.errorSummary(errors))
                <h1 class="heading-l">\(title)</h1>
                \(notice)
                <form method="post" action="\((id.map { SiteURL.manageService(.value($0)) } ?? .newService).path)" novalidate>
                  \(Component.csrf(req.csrfToken))\(Component.version(input))
                  \(Component.select("divisionId", label: "Service area", options: areas.map { ($0.id!.uuidString.lowercased(), $0.name) }, selected: input["divisionId"].lowercased(), error: errors["divisionId"]))
                  \(Component.input("name", label: "Name", value: input["name"], error: errors["name"], width: "20"))
                  \(Component.input("position", label: "Position in its service area", value: input["position"], error: errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
                  \(Component.button("Save"))
                </form>
                """, status: status, hasErrors: !errors.isEmpty))
        }
    }

    @Sendable func newService(req: Request) async throws -> Response {
        try await serviceForm(req, editing: nil).form(FormInput(["divisionId": req.query[String.self, at: "division"] ?? ""]), FormErrors(), .empty, .ok)
    }

    @Sendable func createService(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await serviceForm(req, editing: nil).run(req, id: nil, input: input, write: { try await Service.create(from: input, on: req) }) {
            req.redirect(to: .serviceProfile(.value($0.id!)), flash: "Service \($0.name) added. Its profile is a draft")
        }
    }

    @Sendable func editService(req: Request) async throws -> Response {
        guard let s = try await Service.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        var input = FormInput.editing(s)
        input.values = input.values.filter { ["divisionId", "name", "position", "version"].contains($0.key) }
        return try await serviceForm(req, editing: s).form(input, FormErrors(), .empty, .ok)
    }

    @Sendable func updateService(req: Request) async throws -> Response {
        guard let record = try await Service.find(req.uuid(), on: req.db), let id = record.id else { throw Abort(.notFound) }
        let input = FormInput.form(req)
        return try await serviceForm(req, editing: record).run(req, id: id, input: input, write: { try await Service.update(id, from: input, on: req) }) {
            req.redirect(to: .manageServices, flash: "Service \($0.name) saved")
        }
    }

    // MARK: Profiles

    private func profileForm(_ req: Request, _ s: Service) -> FormSave<Service> {
        FormSave(rules: Editing.ServiceRules.profile) { input, errors, notice, status in
            let stateAction: HTML = s.status == .draft
                ? Component.actionForm(.publishProfile(.value(s.id!)), csrf: req.csrfToken, label: "Publish profile", version: s.version)
                : Component.actionForm(.unpublishProfile(.value(s.id!)), csrf: req.csrfToken, label: "Return to draft", secondary: true, version: s.version)
            return try await req.render(Page(title: "Edit the profile of \(s.name)", breadcrumbs: [("Manage", .manage), ("Services", .manageServices)], body: """
                \(Component.errorSummary(errors))
                <span class="caption">\(s.division.name)</span>
                <h1 class="heading-l">Edit the profile of \(s.name)</h1>
                \(notice)
                <p class="body">Status: \(s.status == .draft ? Component.tag("Draft", "grey") : Component.tag("Published", "green"))
                  \(s.status == .published ? "Saving changes updates the public profile at once." : "Only officers can see a draft.")
                  <a class="link" href="\(SiteURL.service(.value(s.slug)).path)">Preview the profile</a></p>
                <form method="post" action="\(SiteURL.serviceProfile(.value(s.id!)).path)" novalidate>
                  \(Component.csrf(req.csrfToken))\(Component.version(input))
                  \(Component.textarea("purpose", label: "Purpose", value: input["purpose"], error: errors["purpose"], hint: "Why the service exists, in a sentence or two.", rows: 3))
                  \(Component.textarea("activities", label: "What the service does", value: input["activities"], error: errors["activities"], hint: "Start a line with “- ” to make a list.", rows: 6))
                  \(Component.textarea("customers", label: "Who the service is for", value: input["customers"], error: errors["customers"], rows: 3))
                  \(Component.input("staff", label: "Staff (full-time equivalent)", value: input["staff"], error: errors["staff"], hint: "Leave empty if not known.", width: "5"))
                  \(Component.input("budget", label: "Annual budget in pounds", value: input["budget"], error: errors["budget"], hint: "Whole pounds, like 1250000. Leave empty if not known.", width: "10"))
                  \(Component.textarea("achievements", label: "Recent achievements", value: input["achievements"], error: errors["achievements"], rows: 6))
                  \(Component.textarea("issues", label: "Known issues", value: input["issues"], error: errors["issues"], rows: 6))
                  \(Component.textarea("improvementPlans", label: "Improvement plans for the year", value: input["improvementPlans"], error: errors["improvementPlans"], rows: 6))
                  \(Component.button("Save profile"))
                </form>
                \(stateAction)
                """, status: status, hasErrors: !errors.isEmpty))
        }
    }

    private func findService(_ req: Request) async throws -> Service {
        guard let s = try await Service.query(on: req.db).filter(\.$id == req.uuid()).with(\.$division).first() else {
            throw Abort(.notFound)
        }
        return s
    }

    @Sendable func editProfile(req: Request) async throws -> Response {
        let s = try await findService(req)
        return try await profileForm(req, s).form(FormInput.editing(s), FormErrors(), .empty, .ok)
    }

    @Sendable func updateProfile(req: Request) async throws -> Response {
        try await writeProfile(req, FormInput.form(req), saved: "saved")
    }

    @Sendable func publish(req: Request) async throws -> Response {
        try await writeProfile(req, FormInput.form(req).setting("status", Service.Status.published.rawValue), saved: "published")
    }

    @Sendable func unpublish(req: Request) async throws -> Response {
        try await writeProfile(req, FormInput.form(req).setting("status", Service.Status.draft.rawValue), saved: "returned to draft")
    }

    /// The profile form and the publish buttons send only their own fields (and the version they
    /// were shown); the rest stay as they are.
    private func writeProfile(_ req: Request, _ sent: FormInput, saved: String) async throws -> Response {
        let s = try await findService(req)
        return try await profileForm(req, s).run(req, id: s.id, input: sent.over(s.currentInput), write: { try await Service.update(s.id!, from: sent, on: req) }) {
            req.redirect(to: .serviceProfile(.value($0.id!)), flash: "Profile of \($0.name) \(saved)")
        }
    }
}
