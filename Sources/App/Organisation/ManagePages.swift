import Foundation

/// The officer's pages for the organisation model, as markup made from plain values: the
/// controller reads what a page shows and hands it here, so each page can be rendered, and
/// tested, without a database or a request.
enum ManagePages {
    /// A choice in a select: the stored id (lower-case) and what the officer reads.
    struct Option: Sendable { var id: UUID; var label: String }

    // MARK: Dashboard

    struct Counts: Decodable, Sendable { var published: Int; var services: Int; var objectives: Int; var pledges: Int; var areas: Int }

    static func dashboard(_ counts: Counts) -> Page {
        Page(title: "Manage the programme", body: """
            <h1 class="heading-l">Manage the programme</h1>
            \(Component.summaryList([
                .init(key: "Service areas", value: "\(counts.areas)", action: ("Manage", .directorates, "directorates and service areas")),
                .init(key: "Service profiles", value: "\(counts.published) published, \(counts.services - counts.published) draft", action: ("Manage", .manageServices, "services")),
                .init(key: "Objectives", value: "\(counts.objectives)", action: ("Manage", .objectives, "objectives and weights")),
                .init(key: "Pledges", value: "\(counts.pledges)", action: ("Manage", .pledges, "pledges")),
                .init(key: "Service assessment", value: "Each service’s SWOT and position, packages and options appraisal", action: ("Open", .assessment, "the service assessment")),
            ]))
            <p class="body">Programs can use the same data through the <a class="link" href="\(SiteURL.apiTokens.path)">API, with a token</a>.</p>
            """)
    }

    // MARK: Directorates and service areas

    struct Area: Sendable { var id: UUID; var name: String; var services: Int }
    struct Directorate: Sendable { var id: UUID; var name: String; var areas: [Area] }

    /// Each directorate with its service areas, both in their order.
    static func directorates(_ directorates: [Directorate]) -> Page {
        let sections = directorates.map { d -> HTML in
            let rows = d.areas.map { area -> [HTML] in
                ["\(area.name)", "\(area.services)",
                 "<a class=\"link\" href=\"\(SiteURL.division(.value(area.id)).path)\">Change<span class=\"visually-hidden\"> \(area.name)</span></a>"]
            }
            return """
            <h2 class="heading-m">\(d.name)</h2>
            <p class="body"><a class="link" href="\(SiteURL.directorate(.value(d.id)).path)">Change<span class="visually-hidden"> \(d.name)</span> name or position</a>
             · <a class="link" href="\(SiteURL.newDivision.path)?directorate=\(d.id.lowercasedString)">Add a service area<span class="visually-hidden"> to \(d.name)</span></a></p>
            \(rows.isEmpty ? "<p class=\"body\">No service areas yet.</p>" as HTML : Component.table(caption: "Service areas in \(d.name)", headers: ["Service area", "Services", "Action"], rows: rows, numericColumns: [1]))
            """
        }
        return Page(title: "Directorates and service areas", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Directorates and service areas</h1>
            <p class="body"><a class="button" href="\(SiteURL.newDirectorate.path)">Add a directorate</a></p>
            \(sections)
            """)
    }

    /// `editing` is the stored name of the directorate being changed; nil for a new one.
    static func directorateForm(id: UUID?, editing storedName: String?, _ f: FormState) -> Page {
        let title = storedName.map { "Change \($0)" } ?? "Add a directorate"
        return f.page(title, breadcrumbs: [("Manage", .manage), ("Directorates", .directorates)],
                      action: id.map { SiteURL.directorate(.value($0)) } ?? .newDirectorate, fields: """
            \(Component.input("name", label: "Name", value: f.input["name"], error: f.errors["name"], width: "20"))
            \(Component.input("position", label: "Position in lists", value: f.input["position"], error: f.errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
            """)
    }

    static func divisionForm(id: UUID?, editing storedName: String?, directorates: [Option], _ f: FormState) -> Page {
        let title = storedName.map { "Change \($0)" } ?? "Add a service area"
        return f.page(title, breadcrumbs: [("Manage", .manage), ("Directorates", .directorates)],
                      action: id.map { SiteURL.division(.value($0)) } ?? .newDivision, fields: """
            \(Component.select("directorateId", label: "Directorate", options: directorates.map { ($0.id.lowercasedString, $0.label) }, selected: f.input["directorateId"].lowercased(), error: f.errors["directorateId"]))
            \(Component.input("name", label: "Name", value: f.input["name"], error: f.errors["name"], width: "20"))
            \(Component.textarea("summary", label: "Summary", value: f.input["summary"], error: f.errors["summary"], hint: "One or two sentences shown on the public list of services.", rows: 3))
            \(Component.input("position", label: "Position in lists", value: f.input["position"], error: f.errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
            """)
    }

    // MARK: Services

    struct Service: Sendable { var id: UUID; var name: String; var slug: String; var published: Bool }
    struct AreaServices: Sendable { var id: UUID; var name: String; var services: [Service] }

    /// Each service area with its services, both in their order.
    static func services(_ areas: [AreaServices]) -> Page {
        let sections = areas.map { area -> HTML in
            let rows = area.services.map { s -> [HTML] in [
                "<a class=\"link\" href=\"\(SiteURL.service(.value(s.slug)).path)\">\(s.name)</a>",
                s.published ? Component.tag("Published", "green") : Component.tag("Draft", "grey"),
                "<a class=\"link\" href=\"\(SiteURL.serviceProfile(.value(s.id)).path)\">Edit profile<span class=\"visually-hidden\"> of \(s.name)</span></a> · <a class=\"link\" href=\"\(SiteURL.manageService(.value(s.id)).path)\">Rename or move<span class=\"visually-hidden\"> \(s.name)</span></a>",
            ] }
            return """
            \(Component.table(caption: area.name, headers: ["Service", "Profile", "Actions"], rows: rows))
            <p class="body"><a class="link" href="\(SiteURL.newService.path)?division=\(area.id.lowercasedString)">Add a service<span class="visually-hidden"> to \(area.name)</span></a></p>
            """
        }
        return Page(title: "Services and profiles", breadcrumbs: [("Manage", .manage)], body: """
            <h1 class="heading-l">Services and profiles</h1>
            <p class="body">A profile is public once it is published. Drafts are seen only by officers.</p>
            \(sections)
            """)
    }

    static func serviceForm(id: UUID?, editing storedName: String?, areas: [Option], _ f: FormState) -> Page {
        let title = storedName.map { "Change \($0)" } ?? "Add a service"
        return f.page(title, breadcrumbs: [("Manage", .manage), ("Services", .manageServices)],
                      action: id.map { SiteURL.manageService(.value($0)) } ?? .newService, fields: """
            \(Component.select("divisionId", label: "Service area", options: areas.map { ($0.id.lowercasedString, $0.label) }, selected: f.input["divisionId"].lowercased(), error: f.errors["divisionId"]))
            \(Component.input("name", label: "Name", value: f.input["name"], error: f.errors["name"], width: "20"))
            \(Component.input("position", label: "Position in its service area", value: f.input["position"], error: f.errors["position"], hint: "1 comes first. Leave empty to put it last.", width: "5"))
            """)
    }

    // MARK: Profiles

    /// What the profile form shows of the stored service besides its fields.
    struct ProfileHeading: Sendable { var id: UUID; var name: String; var slug: String; var area: String; var published: Bool; var version: Int }

    static func profileForm(_ s: ProfileHeading, _ f: FormState) -> Page {
        let stateAction: HTML = s.published
            ? Component.actionForm(.unpublishProfile(.value(s.id)), csrf: f.csrf, label: "Return to draft", secondary: true, version: s.version)
            : Component.actionForm(.publishProfile(.value(s.id)), csrf: f.csrf, label: "Publish profile", version: s.version)
        let input = f.input, errors = f.errors
        return f.page("Edit the profile of \(s.name)", breadcrumbs: [("Manage", .manage), ("Services", .manageServices)],
                      action: .serviceProfile(.value(s.id)), caption: s.area, intro: """
            <p class="body">Status: \(s.published ? Component.tag("Published", "green") : Component.tag("Draft", "grey"))
              \(s.published ? "Saving changes updates the public profile at once." : "Only officers can see a draft.")
              <a class="link" href="\(SiteURL.service(.value(s.slug)).path)">Preview the profile</a></p>
            """, fields: """
            \(Component.textarea("purpose", label: "Purpose", value: input["purpose"], error: errors["purpose"], hint: "Why the service exists, in a sentence or two.", rows: 3))
            \(Component.textarea("activities", label: "What the service does", value: input["activities"], error: errors["activities"], hint: "Start a line with “- ” to make a list.", rows: 6))
            \(Component.textarea("customers", label: "Who the service is for", value: input["customers"], error: errors["customers"], rows: 3))
            \(Component.input("staff", label: "Staff (full-time equivalent)", value: input["staff"], error: errors["staff"], hint: "Leave empty if not known.", width: "5"))
            \(Component.input("budget", label: "Annual budget in pounds", value: input["budget"], error: errors["budget"], hint: "Whole pounds, like 1250000. Leave empty if not known.", width: "10"))
            \(Component.textarea("achievements", label: "Recent achievements", value: input["achievements"], error: errors["achievements"], rows: 6))
            \(Component.textarea("issues", label: "Known issues", value: input["issues"], error: errors["issues"], rows: 6))
            \(Component.textarea("improvementPlans", label: "Improvement plans for the year", value: input["improvementPlans"], error: errors["improvementPlans"], rows: 6))
            """, button: "Save profile", after: stateAction)
    }

    // MARK: Settings

    /// The council's name and colours (an administrator's page).
    static func settingsForm(_ f: FormState) -> Page {
        f.page("Settings", breadcrumbs: [], action: .settings, fields: """
            \(Component.input("name", label: "Council name", value: f.input["name"], error: f.errors["name"], hint: "Shown in the header of every page.", width: "20"))
            \(Component.input("headerColour", label: "Header colour", value: f.input["headerColour"], error: f.errors["headerColour"], hint: "A dark colour, as #rrggbb: white text sits on it.", width: "10"))
            \(Component.input("accentColour", label: "Accent colour", value: f.input["accentColour"], error: f.errors["accentColour"], hint: "Used for links and the line under the header, as #rrggbb.", width: "10"))
            """, button: "Save settings")
    }
}
