import Fluent
import Vapor

/// The pages anyone can read without signing in: what the programme is, and the service profiles
/// an interested organisation needs before it responds.
struct PublicController {
    var endpoints: [Endpoint] {
        // Each page from the cache, for as long as none of the tables it reads has changed.
        let layout = [Council.schema]
        let home = layout + [Division.schema, Service.schema, Pledge.schema, Objective.schema]
        let list = layout + [Directorate.schema, Division.schema, Service.schema]
        return [
            .get(.home, .anyone) { req in try await req.application.publicPages.respond(to: req, reads: home) { try await self.home(req: req) } },
            .get(.services, .anyone) { req in try await req.application.publicPages.respond(to: req, reads: list) { try await services(req: req) } },
            .get(.service(.key), .anyone) { req in try await req.application.publicPages.respond(to: req, reads: list) { try await service(req: req) } },
        ]
    }

    @Sendable func home(req: Request) async throws -> Response {
        let council = try await req.council()
        let data = try await HomePage.load(councilName: council.name, on: req.sql)
        return try await req.render(Page(title: "Strategic partnering", body: HomePage.render(data)), council: council)
    }

    @Sendable func services(req: Request) async throws -> Response {
        let directorates = try await ServicesPage.load(on: req.sql)
        return try await req.render(Page(title: "Services", breadcrumbs: [("Home", .home)],
                                         body: ServicesPage.render(directorates, showDrafts: req.user?.role == .officer)))
    }

    @Sendable func service(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("slug"), slug.count <= 200,
              let profile = try await ProfileView.load(slug: slug, on: req.sql)
        else { throw Abort(.notFound) }
        let isOfficer = req.user?.role == .officer
        guard profile.isPublished || isOfficer else { throw Abort(.notFound) }
        return try await req.render(Page(
            title: profile.name,
            breadcrumbs: [("Home", .home), ("Services", .services)],
            body: ProfileView.render(profile, showDraftNotice: isOfficer)))
    }
}
