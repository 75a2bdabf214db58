import Foundation
import SQLKit

// The public pages, each in two parts: `load` reads exactly what the page shows with one or two
// narrow SQL queries into plain values (no model decoding: on these paths Fluent's reflection of
// every model row cost more than the rest of the request), and `render` turns those values into
// HTML. So a page can be rendered, and tested, from plain data.

enum HomePage {
    struct Area: Sendable { var id: String; var name: String; var services: Int }
    struct Objective: Sendable { var number: Int; var title: String; var weight: Double }
    struct Data: Sendable {
        var councilName: String
        var areas: [Area]
        var pledges: [String]
        var objectives: [Objective]
    }

    static func load(councilName: String, on sql: any SQLDatabase) async throws -> Data {
        struct AreaRow: Decodable { var id: String; var name: String; var services: Int }
        struct ObjectiveRow: Decodable { var number: Int; var title: String; var weight: Double }
        struct PledgeRow: Decodable { var title: String }
        let areas = try await sql.raw("""
            SELECT LOWER(CAST(v.id AS TEXT)) AS id, v.name, COUNT(s.id) AS services FROM divisions v LEFT JOIN services s ON s.division_id = v.id
            GROUP BY v.id, v.name, v.position ORDER BY v.position, v.id
            """).all(decoding: AreaRow.self)
        let pledges = try await sql.raw("SELECT title FROM pledges ORDER BY position, id").all(decoding: PledgeRow.self)
        let objectives = try await sql.raw("SELECT number, title, weight FROM objectives ORDER BY number").all(decoding: ObjectiveRow.self)
        return Data(councilName: councilName,
                    areas: areas.map { Area(id: $0.id, name: $0.name, services: $0.services) },
                    pledges: pledges.map(\.title),
                    objectives: objectives.map { Objective(number: $0.number, title: $0.title, weight: $0.weight) })
    }

    static func render(_ data: Data) -> HTML {
        let total = data.objectives.reduce(0) { $0 + $1.weight }
        let objectiveItems = data.objectives.map { o -> HTML in
            "<li><strong>\(RomanNumeral.string(o.number)).</strong> \(o.title) <span class=\"secondary-text\">(weight \(Weight.share(o.weight, of: total)))</span></li>"
        }
        let areaItems = data.areas.map { a -> HTML in
            "<li><a class=\"link\" href=\"\(SiteURL.services.path)#area-\(a.id)\">\(a.name)</a> <span class=\"secondary-text\">(\(a.services) services)</span></li>"
        }
        return """
            <h1 class="heading-xl">\(data.councilName): strategic partnering</h1>
            <p class="lead">The council is finding out, with evidence, whether partners could help it run some of its services better. This site holds what an interested organisation needs to know.</p>
            <p class="body"><a class="link" href="\(SiteURL.services.path)">Read the service profiles</a> to see what each service does, who it serves and what it plans to improve.</p>
            <div class="grid grid--halves">
              <section aria-labelledby="areas-heading">
                <h2 class="heading-m" id="areas-heading">Service areas in scope</h2>
                <ul class="list list--bullet">\(areaItems)</ul>
              </section>
              <section aria-labelledby="pledges-heading">
                <h2 class="heading-m" id="pledges-heading">The council's pledges</h2>
                <ul class="list list--bullet">\(data.pledges.map { "<li>\($0)</li>" as HTML })</ul>
              </section>
            </div>
            <section aria-labelledby="objectives-heading">
              <h2 class="heading-m" id="objectives-heading">What the programme must achieve</h2>
              <p class="body">Responses are judged against these objectives. The weight is each objective's share of the total.</p>
              <ul class="list">\(objectiveItems)</ul>
            </section>
            """
    }
}

enum ServicesPage {
    struct Service: Sendable { var name: String; var slug: String; var published: Bool }
    /// `id` is the area's id, lower-case: the page's anchor for it.
    struct Area: Sendable { var id: String; var name: String; var summary: String; var services: [Service] }
    struct Directorate: Sendable { var name: String; var areas: [Area] }

    /// Every directorate, its service areas and their services, in their order: one query. Ids
    /// come as lower-case text (they are only compared and written into the page), and each
    /// column is read by name: this is the busiest public page.
    static func load(on sql: any SQLDatabase) async throws -> [Directorate] {
        let rows = try await sql.raw("""
            SELECT LOWER(CAST(d.id AS TEXT)) AS directorate_id, d.name AS directorate, LOWER(CAST(v.id AS TEXT)) AS division_id,
                   v.name AS division, v.summary, s.name, s.slug, s.status
            FROM directorates d
            LEFT JOIN divisions v ON v.directorate_id = d.id
            LEFT JOIN services s ON s.division_id = v.id
            ORDER BY d.position, d.id, v.position, v.id, s.position, s.id
            """).all()
        var out: [Directorate] = []
        var lastDirectorate: String?, lastArea: String?
        for row in rows {
            let directorateID = try row.decode(column: "directorate_id", as: String.self)
            if directorateID != lastDirectorate {
                out.append(Directorate(name: try row.decode(column: "directorate", as: String.self), areas: []))
                lastDirectorate = directorateID
                lastArea = nil
            }
            // Optional columns are tested for NULL first: decoding as an `Optional` costs several
            // times as much in SQLKit.
            guard try !row.decodeNil(column: "division_id") else { continue }
            let areaID = try row.decode(column: "division_id", as: String.self)
            if areaID != lastArea {
                out[out.count - 1].areas.append(Area(id: areaID, name: try row.decode(column: "division", as: String.self),
                                                     summary: try row.decode(column: "summary", as: String.self), services: []))
                lastArea = areaID
            }
            if try !row.decodeNil(column: "name") {
                let d = out.count - 1, a = out[d].areas.count - 1
                out[d].areas[a].services.append(Service(name: try row.decode(column: "name", as: String.self),
                                                        slug: try row.decode(column: "slug", as: String.self),
                                                        published: try row.decode(column: "status", as: String.self) == "published"))
            }
        }
        return out
    }

    static func render(_ directorates: [Directorate], showDrafts: Bool) -> HTML {
        let sections = directorates.map { d -> HTML in
            let areas = d.areas.map { area -> HTML in
                let items = area.services.map { s -> HTML in
                    if s.published {
                        return "<li><a class=\"link\" href=\"\(SiteURL.service(.value(s.slug)).path)\">\(s.name)</a></li>"
                    }
                    if showDrafts {
                        return "<li><a class=\"link\" href=\"\(SiteURL.service(.value(s.slug)).path)\">\(s.name)</a> \(Component.tag("Draft", "grey"))</li>"
                    }
                    return "<li>\(s.name) <span class=\"secondary-text\">(profile being prepared)</span></li>"
                }
                let id = "area-" + area.id
                return """
                <section aria-labelledby="\(id)">
                  <h3 class="heading-s" id="\(id)">\(area.name)</h3>
                  \(area.summary.isEmpty ? .empty : "<p class=\"body\">\(area.summary)</p>" as HTML)
                  <ul class="list list--bullet">\(items)</ul>
                </section>
                """
            }
            return "<h2 class=\"heading-m\">\(d.name)</h2>\(areas)"
        }
        return """
            <h1 class="heading-l">Services</h1>
            <p class="lead">The services the council is exploring partnering for, by directorate and service area.</p>
            \(sections)
            """
    }
}

/// A service profile as the public reads it; officers also see it while it is a draft.
enum ProfileView {
    struct Profile: Decodable, Sendable {
        var id: UUID
        var name: String
        var status: String
        var purpose: String, activities: String, customers: String
        var achievements: String, issues: String, improvement_plans: String
        var staff: Int?
        var budget_pounds: Int?
        var published_at: Date?
        var division: String
        var directorate: String

        var isPublished: Bool { status == "published" }
    }

    static func load(slug: String, on sql: any SQLDatabase) async throws -> Profile? {
        try await sql.raw("""
            SELECT s.id, s.name, s.status, s.purpose, s.activities, s.customers, s.achievements, s.issues, s.improvement_plans,
                   s.staff, s.budget_pounds, s.published_at, v.name AS division, d.name AS directorate
            FROM services s JOIN divisions v ON v.id = s.division_id JOIN directorates d ON d.id = v.directorate_id
            WHERE s.slug = \(bind: slug)
            """).first(decoding: Profile.self)
    }

    static func render(_ s: Profile, showDraftNotice: Bool) -> HTML {
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
              \(s.isPublished ? Component.tag("Published", "green") : Component.tag("Draft", "grey"))
              \(s.isPublished ? "Anyone can read this profile." : "Only officers can see this profile until it is published.")
              <a class="link" href="\(SiteURL.serviceProfile(.value(s.id)).path)">Edit this profile</a>
            </div>
            """ : .empty
        let money: String = s.budget_pounds.map { "£" + Money.grouped($0) } ?? "Not yet published"
        return """
        <span class="caption">\(s.division)</span>
        <h1 class="heading-l">\(s.name)</h1>
        \(notice)
        \(Component.summaryList([
            .init(key: "Service area", value: "\(s.division)"),
            .init(key: "Directorate", value: "\(s.directorate)"),
            .init(key: "Staff (full-time equivalent)", value: "\(s.staff.map(String.init) ?? "Not yet published")"),
            .init(key: "Annual budget", value: "\(money)"),
        ]))
        \(section("Purpose", "purpose", s.purpose))
        \(section("What the service does", "activities", s.activities))
        \(section("Who the service is for", "customers", s.customers))
        \(section("Recent achievements", "achievements", s.achievements))
        \(section("Known issues", "issues", s.issues))
        \(section("Improvement plans for the year", "plans", s.improvement_plans))
        \(s.published_at.map { "<p class=\"body secondary-text\">Published <time datetime=\"\(LondonTime.iso($0))\">\(LondonTime.dateTime($0))</time>.</p>" as HTML })
        """
    }
}

enum Money {
    /// 1250000 → "1,250,000", without a formatter per call.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude).utf8)
        var out: [UInt8] = n < 0 ? [UInt8(ascii: "-")] : []
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
