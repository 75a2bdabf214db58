@testable import App
import Fluent
import Foundation
import SQLKit
import Testing

/// The public pages are a load (narrow SQL into plain values) and a render (plain values into
/// HTML): each half is tested on its own here.
@Suite("Public pages, load and render")
struct PublicPagesTests {
    static let sample: [ServicesPage.Directorate] = [
        .init(name: "Customer & Support", areas: [
            .init(id: "finance-id", name: "Finance", summary: "Money <and> more", services: [
                .init(name: "Payroll", slug: "payroll", published: true),
                .init(name: "Audit", slug: "audit", published: false),
            ]),
            .init(id: "empty-id", name: "Empty area", summary: "", services: []),
        ]),
    ]

    @Test func theServicesPageRendersFromPlainData() {
        let publicView = ServicesPage.render(Self.sample, showDrafts: false).rendered
        #expect(publicView.contains("<a class=\"link\" href=\"/services/payroll\">Payroll</a>"))
        #expect(publicView.contains("<li>Audit <span class=\"secondary-text\">(profile being prepared)</span></li>"), "a draft is named, not linked")
        #expect(!publicView.contains("/services/audit"))
        #expect(publicView.contains("Customer &amp; Support") && publicView.contains("Money &lt;and&gt; more"), "data is escaped")
        let officerView = ServicesPage.render(Self.sample, showDrafts: true).rendered
        #expect(officerView.contains("href=\"/services/audit\">Audit</a> <strong class=\"tag tag--grey\">Draft</strong>"))
    }

    @Test func theServicesPageLoadsEveryServiceOnceInItsOrder() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            let loaded = try await ServicesPage.load(on: sql)
            let directorates = try await Directorate.query(on: app.db).sort(\.$position).all()
            #expect(loaded.map(\.name) == directorates.map(\.name))
            let slugs = loaded.flatMap { $0.areas.flatMap { $0.services.map(\.slug) } }
            #expect(slugs.count == (try await Service.query(on: app.db).count()))
            #expect(Set(slugs).count == slugs.count)
            for d in loaded {
                for area in d.areas {
                    let stored = try await Division.query(on: app.db).filter(\.$name == area.name).with(\.$services).first()
                    #expect(area.services.map(\.slug) == stored?.services.sorted { $0.position < $1.position }.map(\.slug))
                }
            }
        }
    }

    @Test func aProfileLoadsWithItsPlace() async throws {
        try await withDemoApp { app, _ in
            let profile = try #require(try await ProfileView.load(slug: "legal-services", on: app.db as! any SQLDatabase))
            let service = try #require(try await Service.query(on: app.db).filter(\.$slug == "legal-services").with(\.$division) { $0.with(\.$directorate) }.first())
            #expect(profile.name == service.name && profile.division == service.division.name && profile.directorate == service.division.directorate.name)
            #expect(profile.purpose == service.purpose && profile.staff == service.staff && profile.budget_pounds == service.budgetPounds)
            #expect(try await ProfileView.load(slug: "no-such-service", on: app.db as! any SQLDatabase) == nil)
        }
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (1_250_000, "1,250,000"), (-1234, "-1,234")])
    func moneyIsGroupedInThousands(n: Int, text: String) {
        #expect(Money.grouped(n) == text)
    }
}
