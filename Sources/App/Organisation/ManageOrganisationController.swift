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

    // Each page: its reads here, its markup in `ManagePages`, made from what was read.

    // MARK: Dashboard

    @Sendable func dashboard(req: Request) async throws -> Response {
        let counts = try await req.sql.raw("""
            SELECT (SELECT COUNT(*) FROM services WHERE status = 'published') AS published, (SELECT COUNT(*) FROM services) AS services,
                   (SELECT COUNT(*) FROM objectives) AS objectives, (SELECT COUNT(*) FROM pledges) AS pledges, (SELECT COUNT(*) FROM divisions) AS areas
            """).first(decoding: ManagePages.Counts.self) ?? ManagePages.Counts(published: 0, services: 0, objectives: 0, pledges: 0, areas: 0)
        return try await req.render(ManagePages.dashboard(counts))
    }

    // MARK: Directorates

    @Sendable func directorates(req: Request) async throws -> Response {
        let directorates = try await Directorate.query(on: req.db).sort(\.$position)
            .with(\.$divisions) { $0.with(\.$services) }.all()
        return try await req.render(ManagePages.directorates(directorates.map { d in
            ManagePages.Directorate(id: d.id!, name: d.name, areas: d.divisions.sorted { $0.position < $1.position }.map {
                ManagePages.Area(id: $0.id!, name: $0.name, services: $0.services.count)
            })
        }))
    }

    private func directorateForm(_ req: Request, editing record: Directorate?) -> FormSave<Directorate> {
        let id = record?.id, storedName = record?.name
        return FormSave(req, rules: Editing.DirectorateRules.all) { f in
            try await req.render(ManagePages.directorateForm(id: id, editing: storedName, f))
        }
    }

    @Sendable func newDirectorate(req: Request) async throws -> Response {
        try await directorateForm(req, editing: nil).show(FormInput())
    }

    @Sendable func createDirectorate(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await directorateForm(req, editing: nil).run(req, id: nil, input: input, write: { try await Directorate.create(from: input, on: req) }) {
            req.redirect(to: .directorates, flash: "Directorate \($0.name) added")
        }
    }

    @Sendable func editDirectorate(req: Request) async throws -> Response {
        guard let d = try await Directorate.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await directorateForm(req, editing: d).show(FormInput.editing(d))
    }

    @Sendable func updateDirectorate(req: Request) async throws -> Response {
        guard let record = try await Directorate.find(req.uuid(), on: req.db), let id = record.id else { throw Abort(.notFound) }
        let input = FormInput.form(req)
        return try await directorateForm(req, editing: record).run(req, id: id, input: input, write: { try await Directorate.update(id, from: input, on: req) }) {
            req.redirect(to: .directorates, flash: "Directorate \($0.name) saved")
        }
    }

    // MARK: Service areas

    /// The directorates a service area can belong to, in their order.
    private static func directorateOptions(_ req: Request) async throws -> [ManagePages.Option] {
        try await Directorate.query(on: req.db).sort(\.$position).all().map { .init(id: $0.id!, label: $0.name) }
    }

    private func divisionForm(_ req: Request, editing record: Division?) -> FormSave<Division> {
        let id = record?.id, storedName = record?.name
        return FormSave(req, rules: Editing.DivisionRules.all) { f in
            let directorates = try await Self.directorateOptions(req)
            return try await req.render(ManagePages.divisionForm(id: id, editing: storedName, directorates: directorates, f))
        }
    }

    @Sendable func newDivision(req: Request) async throws -> Response {
        try await divisionForm(req, editing: nil).show(FormInput(["directorateId": req.query[String.self, at: "directorate"] ?? ""]))
    }

    @Sendable func createDivision(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await divisionForm(req, editing: nil).run(req, id: nil, input: input, write: { try await Division.create(from: input, on: req) }) {
            req.redirect(to: .directorates, flash: "Service area \($0.name) added")
        }
    }

    @Sendable func editDivision(req: Request) async throws -> Response {
        guard let d = try await Division.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await divisionForm(req, editing: d).show(FormInput.editing(d))
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
        return try await req.render(ManagePages.services(areas.map { area in
            ManagePages.AreaServices(id: area.id!, name: area.name, services: area.services.sorted { $0.position < $1.position }.map {
                ManagePages.Service(id: $0.id!, name: $0.name, slug: $0.slug, published: $0.status == .published)
            })
        }))
    }

    /// The service areas a service can belong to, in their order.
    private static func areaOptions(_ req: Request) async throws -> [ManagePages.Option] {
        try await Division.query(on: req.db).sort(\.$position).all().map { .init(id: $0.id!, label: $0.name) }
    }

    private func serviceForm(_ req: Request, editing record: Service?) -> FormSave<Service> {
        let id = record?.id, storedName = record?.name
        return FormSave(req, rules: Editing.ServiceRules.placement) { f in
            let areas = try await Self.areaOptions(req)
            return try await req.render(ManagePages.serviceForm(id: id, editing: storedName, areas: areas, f))
        }
    }

    @Sendable func newService(req: Request) async throws -> Response {
        try await serviceForm(req, editing: nil).show(FormInput(["divisionId": req.query[String.self, at: "division"] ?? ""]))
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
        return try await serviceForm(req, editing: s).show(input)
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
        let heading = ManagePages.ProfileHeading(id: s.id!, name: s.name, slug: s.slug, area: s.division.name, published: s.status == .published, version: s.version)
        return FormSave(req, rules: Editing.ServiceRules.profile) { f in
            try await req.render(ManagePages.profileForm(heading, f))
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
        return try await profileForm(req, s).show(FormInput.editing(s))
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
