import Fluent
import Vapor

/// The pages anyone can read without signing in: what the programme is, and the service profiles
/// an interested organisation needs before it responds.
struct PublicController {
    var endpoints: [Endpoint] {
        [
            .get(.home, .anyone) { req in try await req.application.publicPages.respond(to: req) { try await home(req: req) } },
            .get(.services, .anyone) { req in try await req.application.publicPages.respond(to: req) { try await services(req: req) } },
            .get(.service(.key), .anyone) { req in try await req.application.publicPages.respond(to: req) { try await service(req: req) } },
        ]
    }

    @Sendable func home(req: Request) async throws -> Response {
        let council = await req.council()
        let objectives = try await Objective.query(on: req.db).sort(\.$number).all()
        let pledges = try await Pledge.query(on: req.db).sort(\.$position).all()
        let areas = try await Division.query(on: req.db).sort(\.$position).with(\.$services).all()
        let total = objectives.reduce(0) { $0 + $1.weight }
        let objectiveItems = objectives.map { o -> HTML in
            "<li><strong>\(o.numeral).</strong> \(o.title) <span class=\"secondary-text\">(weight \(Weight.share(o.weight, of: total)))</span></li>"
        }
        let areaItems = areas.map { a -> HTML in
            "<li><a class=\"link\" href=\"\(SiteURL.services.path)#area-\(a.id!.uuidString.lowercased())\">\(a.name)</a> <span class=\"secondary-text\">(\(a.services.count) services)</span></li>"
        }
        return try await req.render(Page(title: "Strategic partnering", body: """
            <h1 class="heading-xl">\(council.name): strategic partnering</h1>
            <p class="lead">The council is finding out, with evidence, whether partners could help it run some of its services better. This site holds what an interested organisation needs to know.</p>
            <p class="body"><a class="link" href="\(SiteURL.services.path)">Read the service profiles</a> to see what each service does, who it serves and what it plans to improve.</p>
            <div class="grid grid--halves">
              <section aria-labelledby="areas-heading">
                <h2 class="heading-m" id="areas-heading">Service areas in scope</h2>
                <ul class="list list--bullet">\(areaItems)</ul>
              </section>
              <section aria-labelledby="pledges-heading">
                <h2 class="heading-m" id="pledges-heading">The council's pledges</h2>
                <ul class="list list--bullet">\(pledges.map { "<li>\($0.title)</li>" as HTML })</ul>
              </section>
            </div>
            <section aria-labelledby="objectives-heading">
              <h2 class="heading-m" id="objectives-heading">What the programme must achieve</h2>
              <p class="body">Responses are judged against these objectives. The weight is each objective's share of the total.</p>
              <ul class="list">\(objectiveItems)</ul>
            </section>
            """))
    }

    @Sendable func services(req: Request) async throws -> Response {
        let isOfficer = req.user?.role == .officer
        let directorates = try await Directorate.query(on: req.db).sort(\.$position).all()
        let divisions = try await Division.query(on: req.db).sort(\.$position)
            .with(\.$services).all()
        let sections = directorates.map { d -> HTML in
            let areas = divisions.filter { $0.$directorate.id == d.id }.map { area -> HTML in
                let items = area.services.sorted { $0.position < $1.position }.map { s -> HTML in
                    if s.status == .published {
                        return "<li><a class=\"link\" href=\"\(SiteURL.service(.value(s.slug)).path)\">\(s.name)</a></li>"
                    }
                    if isOfficer {
                        return "<li><a class=\"link\" href=\"\(SiteURL.service(.value(s.slug)).path)\">\(s.name)</a> \(Component.tag("Draft", "grey"))</li>"
                    }
                    return "<li>\(s.name) <span class=\"secondary-text\">(profile being prepared)</span></li>"
                }
                return """
                <section aria-labelledby="area-\(area.id!.uuidString.lowercased())">
                  <h3 class="heading-s" id="area-\(area.id!.uuidString.lowercased())">\(area.name)</h3>
                  \(area.summary.isEmpty ? .empty : "<p class=\"body\">\(area.summary)</p>" as HTML)
                  <ul class="list list--bullet">\(items)</ul>
                </section>
                """
            }
            return "<h2 class=\"heading-m\">\(d.name)</h2>\(areas)"
        }
        return try await req.render(Page(title: "Services", breadcrumbs: [("Home", .home)], body: """
            <h1 class="heading-l">Services</h1>
            <p class="lead">The services the council is exploring partnering for, by directorate and service area.</p>
            \(sections)
            """))
    }

    @Sendable func service(req: Request) async throws -> Response {
        guard let slug = req.parameters.get("slug"), slug.count <= 200,
              let service = try await Service.query(on: req.db).filter(\.$slug == slug)
                  .with(\.$division, { $0.with(\.$directorate) }).first()
        else { throw Abort(.notFound) }
        let isOfficer = req.user?.role == .officer
        guard service.status == .published || isOfficer else { throw Abort(.notFound) }
        return try await req.render(Page(
            title: service.name,
            breadcrumbs: [("Home", .home), ("Services", .services)],
            body: ProfileView.render(service, showDraftNotice: isOfficer)))
    }
}

/// A service profile as the public reads it; officers also see it while it is a draft.
enum ProfileView {
    static func render(_ s: Service, showDraftNotice: Bool) -> HTML {
        func section(_ title: String, _ id: String, _ text: String) -> HTML {
            guard !text.isEmpty else { return .empty }
            return """
            <section aria-labelledby="\(id)">
              <h2 class="heading-m" id="\(id)">\(title)</h2>
              \(prose(text))
            </section>
            """
        }
        let notice: HTML = showDraftNotice ? """
            <div class="inset-text">
              \(s.status == .draft ? Component.tag("Draft", "grey") : Component.tag("Published", "green"))
              \(s.status == .draft ? "Only officers can see this profile until it is published." : "Anyone can read this profile.")
              <a class="link" href="\(SiteURL.serviceProfile(.value(s.id!)).path)">Edit this profile</a>
            </div>
            """ : .empty
        let money: String = s.budgetPounds.map { "£" + $0.formatted(.number.grouping(.automatic)) } ?? "Not yet published"
        return """
        <span class="caption">\(s.division.name)</span>
        <h1 class="heading-l">\(s.name)</h1>
        \(notice)
        \(Component.summaryList([
            .init(key: "Service area", value: "\(s.division.name)"),
            .init(key: "Directorate", value: "\(s.division.directorate.name)"),
            .init(key: "Staff (full-time equivalent)", value: "\(s.staff.map(String.init) ?? "Not yet published")"),
            .init(key: "Annual budget", value: "\(money)"),
        ]))
        \(section("Purpose", "purpose", s.purpose))
        \(section("What the service does", "activities", s.activities))
        \(section("Who the service is for", "customers", s.customers))
        \(section("Recent achievements", "achievements", s.achievements))
        \(section("Known issues", "issues", s.issues))
        \(section("Improvement plans for the year", "plans", s.improvementPlans))
        \(s.publishedAt.map { "<p class=\"body secondary-text\">Published <time datetime=\"\(LondonTime.iso($0))\">\(LondonTime.dateTime($0))</time>.</p>" as HTML })
        """
    }
}
