@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Public and officer pages")
struct PagesTests {
    @Test func aVisitorReadsThePublicPages() async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("City of Salford: strategic partnering"))
            #expect(home.text.contains("To provide regeneration opportunities."))
            let list = try await browser.get("/services")
            #expect(list.text.contains("href=\"/services/legal-services\""))
            #expect(list.text.contains("Internal Audit <span class=\"secondary-text\">(profile being prepared)</span>"))
            let profile = try await browser.get("/services/legal-services")
            #expect(profile.status == .ok)
            #expect(profile.text.contains("Messrs. Cobbetts"))
            #expect(profile.text.contains("Law and Administration"))
            #expect(profile.text.contains("Not yet published"), "staff and budget are unknown in the seeds")
            #expect(try await browser.get("/services/no-such-service").status == .notFound)
        }
    }

    @Test func everyPageAnOfficerOrAdministratorCanOpenRenders() async throws {
        try await withDemoApp { app, _ in
            for role in [Role.officer, .administrator] {
                let browser = Browser(app)
                try await browser.signIn(as: role)
                // Signed in, the sign-in page sends you on; every other page the rule allows must render.
                // (The API signs in with a token, never the cookie: `everyAPICallAsThisPrincipal` covers it.)
                for (method, pattern, who) in AuthorisationTests.table where method == .GET && pattern != "/sign-in" && !pattern.hasPrefix("/api/v1") {
                    if case .only(let roles) = who, !roles.contains(role) { continue }
                    let path = try await AuthorisationTests.concrete(pattern, on: app.db)
                    let page = try await browser.get(path)
                    // (A link by email with a made-up token answers "this link does not work", 404.)
                    #expect(page.status == AuthorisationTests.allowedStatus(method, pattern, signedIn: true), "\(path) as \(role)")
                }
            }
        }
    }

    @Test func anOfficerEditsAndPublishesAProfileAndTheVisitorSeesIt() async throws {
        try await withDemoApp { app, _ in
            let draft = try #require(try await Service.query(on: app.db).filter(\.$slug == "internal-audit").first())
            let path = "/manage/services/\(draft.id!.uuidString.lowercased())"
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get(path + "/profile")
            let saved = try await officer.post(path + "/profile", [
                "purpose": "Independent assurance on the council's controls.", "activities": "- Audits\n- Advice on risk",
                "customers": "Directorates and the Audit Committee", "staff": "12", "budget": "£450,000",
                "achievements": "", "issues": "", "improvementPlans": "",
            ])
            #expect(saved.status == .seeOther)
            #expect(try await Browser(app).get("/services/internal-audit").status == .notFound)
            try await officer.get(path + "/profile")
            #expect(try await officer.post(path + "/publish").status == .seeOther)

            let visitor = try await Browser(app).get("/services/internal-audit")
            #expect(visitor.status == .ok)
            #expect(visitor.text.contains("Independent assurance"))
            #expect(visitor.text.contains("<li>Advice on risk</li>"))
            #expect(visitor.text.contains("£450,000"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "service-profile.publish").count() == 1)
        }
    }

    @Test func badProfileInputIsExplainedAndKept() async throws {
        try await withDemoApp { app, _ in
            let service = try #require(try await Service.query(on: app.db).filter(\.$slug == "payroll").first())
            let path = "/manage/services/\(service.id!.uuidString.lowercased())/profile"
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get(path)
            let huge = String(repeating: "é", count: 20_001)
            let response = try await officer.post(path, [
                "purpose": "", "activities": "Paying people", "customers": huge, "staff": "lots", "budget": "-5",
                "achievements": "<b>kept</b>", "issues": "", "improvementPlans": "",
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Staff must be a whole number, like 12"))
            #expect(response.text.contains("Annual budget must be between 0 and"))
            #expect(response.text.contains("Who the service is for must be 20000 characters or fewer"))
            #expect(response.text.contains("Enter the purpose while the profile is published"))
            #expect(response.text.contains("value=\"lots\""))
            #expect(response.text.contains("&lt;b&gt;kept&lt;/b&gt;"))
            #expect(try await Service.find(service.id, on: app.db)?.activities != "Paying people", "nothing saved")
        }
    }

    @Test func aProfileCannotBePublishedEmpty() async throws {
        try await withDemoApp { app, _ in
            let draft = try #require(try await Service.query(on: app.db).filter(\.$slug == "recruitment").first())
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/services/\(draft.id!.uuidString.lowercased())/profile")
            let response = try await officer.post("/manage/services/\(draft.id!.uuidString.lowercased())/publish")
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Enter what the service does before publishing the profile"))
            #expect(try await Service.find(draft.id, on: app.db)?.status == .draft)
        }
    }

    @Test func changingWeightsKeepsAHistoryWithTheReason() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/weights")
            var form: [String: String] = ["reason": "Cabinet, 11 June 2003"]
            for n in 1...8 { form["weight-\(n)"] = [1, 6, 8].contains(n) ? "20" : "8" }
            form["weight-3"] = "12.5"
            #expect(try await officer.post("/manage/weights", form).status == .seeOther)
            let objective = try #require(try await Objective.query(on: app.db).filter(\.$number == 3).first())
            #expect(objective.weight == 12.5)
            let latest = try #require(try await WeightChange.query(on: app.db).filter(\.$objective.$id == objective.id!).sort(\.$changedAt, .descending).first())
            #expect(latest.oldWeight == 8 && latest.newWeight == 12.5)
            #expect(latest.reason == "Cabinet, 11 June 2003")
            #expect(latest.changedBy.contains("officer@salford.example"))
            let page = try await officer.get("/manage/objectives")
            #expect(page.text.contains("8 → 12.5"))
        }
    }

    @Test func badWeightsAreExplained() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/weights")
            var form: [String: String] = ["reason": ""]
            for n in 1...8 { form["weight-\(n)"] = "10" }
            form["weight-2"] = "heavy"
            form["weight-4"] = "101"
            let response = try await officer.post("/manage/weights", form)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("The weight of objective II must be a number, like 12.5"))
            #expect(response.text.contains("The weight of objective IV must be between 0 and 100"))
            #expect(response.text.contains("Enter reason for the change"))
            #expect(response.text.contains("value=\"heavy\""))
        }
    }

    @Test func settingsChangeTheCouncilNameAndRefuseUnreadableColours() async throws {
        try await withDemoApp { app, _ in
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            try await admin.get("/admin/settings")
            let bad = try await admin.post("/admin/settings", ["name": "Salford City Council", "headerColour": "#ffff00", "accentColour": "blue"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Header colour is too light for white text"))
            #expect(bad.text.contains("Accent colour must be a colour like #1d70b8"))
            let good = try await admin.post("/admin/settings", ["name": "Salford City Council", "headerColour": "#222222", "accentColour": "#005ea5"])
            #expect(good.status == .seeOther)
            #expect(try await Browser(app).get("/").text.contains("Salford City Council <span class=\"header__service\">"))
            #expect(try await Browser(app).get("/assets/theme.css").text.contains("--accent:#005ea5"))
        }
    }

    @Test func unknownAndMalformedIdsAreNotFound() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            #expect(try await officer.get("/manage/services/not-a-uuid/profile").status == .notFound)
            #expect(try await officer.get("/manage/services/\(UUID().uuidString)/profile").status == .notFound)
            #expect(try await officer.post("/manage/pledges/\(UUID().uuidString)", ["title": "x"]).status == .notFound)
        }
    }
}
