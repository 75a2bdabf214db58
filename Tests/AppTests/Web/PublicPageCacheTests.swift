@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Cached public pages")
struct PublicPageCacheTests {
    @Test func aChangeIsSeenByTheNextVisitorAtOnce() async throws {
        try await withDemoApp { app, _ in
            let visitor = Browser(app)
            #expect(try await visitor.get("/services/legal-services").text.contains("Messrs. Cobbetts"))
            let service = try #require(try await Service.query(on: app.db).filter(\.$slug == "legal-services").first())
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/services/\(service.id!.uuidString.lowercased())/profile")
            var form = service.currentInput.mapValues(\.display)
            form["purpose"] = "Rewritten purpose of legal services."
            #expect(try await officer.post("/manage/services/\(service.id!.uuidString.lowercased())/profile", form).status == .seeOther)
            #expect(try await visitor.get("/services/legal-services").text.contains("Rewritten purpose of legal services."))
        }
    }

    @Test func aChangeMadeByAnotherInstanceIsSeenAtOnce() async throws {
        try await withDemoApp { app, _ in
            let visitor = Browser(app)
            #expect(try await visitor.get("/").text.contains("City of Salford: strategic partnering"))
            // Another instance: the same database, written without this process knowing.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE council SET name = 'Salford City Council'").run()
            try await sql.raw("UPDATE public_versions SET version = version + 1 WHERE subject_type = 'council'").run()
            #expect(try await visitor.get("/").text.contains("Salford City Council: strategic partnering"))
        }
    }

    @Test func signedInPeopleNeverGetAVisitorsPage() async throws {
        try await withDemoApp { app, _ in
            #expect(!(try await Browser(app).get("/services").text.contains("Sign out")))
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let page = try await officer.get("/services")
            #expect(page.text.contains("Sign out"))
            #expect(page.text.contains("Draft"), "an officer sees drafts in the list")
        }
    }

    /// A hit, proved: a change made behind the server's back (no audit event) is not seen while
    /// the cached page is fresh.
    @Test func aSecondVisitIsServedFromTheCache() async throws {
        try await withDemoApp { app, _ in
            let visitor = Browser(app)
            #expect(try await visitor.get("/").text.contains("City of Salford: strategic partnering"))
            try await (app.db as! any SQLDatabase).raw("UPDATE council SET name = 'Changed behind its back'").run()
            #expect(try await visitor.get("/").text.contains("City of Salford: strategic partnering"), "served from the cache")
        }
    }

    /// Spellings of one address are one entry; an address with no page is never stored.
    @Test func oddSpellingsOfAnAddressDoNotGrowTheCache() async throws {
        try await withDemoApp { app, _ in
            let visitor = Browser(app)
            #expect(try await visitor.get("/services/legal-services").status == .ok)
            let bytes = app.publicPages.storedBytes
            #expect(bytes > 0)
            for path in ["//services/legal-services", "/services/legal-servic%65s", "/services/legal-services?x=1", "/services//legal-services"] {
                _ = try await visitor.get(path)
            }
            for i in 0..<20 { #expect(try await visitor.get("/services/no-such-service-\(i)").status == .notFound) }
            #expect(app.publicPages.storedBytes == bytes)
        }
    }

    /// Only what changed is rendered again: a change to a pledge leaves the services pages
    /// cached, and renders the home page (which lists pledges) again.
    @Test func aChangeRendersAgainOnlyThePagesThatReadIt() async throws {
        try await withDemoApp { app, _ in
            let visitor = Browser(app)
            #expect(try await visitor.get("/services").text.contains("Legal Services"))
            #expect(try await visitor.get("/").text.contains("A Safer Salford"))
            // Behind the cache's back, so that only a fresh render could show it.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE directorates SET name = 'Changed behind its back' WHERE position = 1").run()
            let pledge = try #require(try await Pledge.query(on: app.db).filter(\.$title == "A Safer Salford").first())
            try await saveFixture({ pledge.title = "A Safer City"; return pledge }(), on: app.db)
            #expect(try await visitor.get("/").text.contains("A Safer City"), "the home page reads pledges: rendered again")
            #expect(!(try await visitor.get("/services").text.contains("Changed behind its back")), "the list does not read pledges: still cached")
        }
    }
}
