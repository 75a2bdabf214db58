@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The service assessment from the outside: the demo's positions on the two-by-two, a service's
/// SWOT and answers, the framework's questions, packages (a service in one at most) and the
/// options appraisal ranked by the evaluation's method. Officers only.
@Suite("Service assessment")
struct AssessmentTests {
    static func service(_ app: Application, _ name: String) async throws -> Service {
        try #require(try await Service.query(on: app.db).filter(\.$name == name).first())
    }

    @Test func theDemoPlacesEveryServiceAndAnOfficerChangesOne() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let overview = try await officer.get("/manage/assessment")
            // 36 services in the demo, each placed; four packages.
            #expect(overview.status == .ok && overview.text.contains("<svg") && overview.text.contains("36 services placed by the mean of their answers"))
            #expect(overview.text.contains("ICT infrastructure and support") && overview.text.contains("Customer contact and revenues"))
            let assessed = try await ServiceAssessment.query(on: app.db).count(), packaged = try await ServicePackage.query(on: app.db).count()
            #expect(assessed == 36 && packaged == 4)

            // Payroll: importance (1 + 2 + 2 + 5) / 4 = 2.5, readiness 5, 5, 3, … : less central, ready.
            let payroll = try await Self.service(app, "Payroll"), path = "/manage/assessment/services/\(payroll.id!.lowercasedString)"
            let form = try await officer.get(path)
            #expect(form.status == .ok && form.text.contains("Less central, ready for partnership (importance 2.5"))

            // A note without its score is told beside it; what was typed stays.
            let refused = try await officer.post(path, ["note-pledges": "Pay is a pledge now.", "score-pledges": "", "strengths": "Accurate to the penny"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Choose a score for question 1, or clear its note")
                    && refused.text.contains("Pay is a pledge now.") && refused.text.contains("Accurate to the penny"))
            let version = String(try #require(form.text.firstMatch(of: /name="version" value="(\d+)"/)).1)
            var answers = FormInput.editing(try #require(try await ServiceAssessment.query(on: app.db).filter(\.$service.$id == payroll.id!).first())).values
                .compactMapValues { v -> String? in if case .text(let t) = v { t } else { nil } }
            answers["version"] = version
            for key in ["pledges", "citizens", "strategy", "failure"] { answers["score-\(key)"] = "5" }
            #expect(try await officer.post(path, answers).status == .seeOther)
            #expect((try await officer.get(path)).text.contains("Important and ready for partnership (importance 5"))
            // The same form again, from the version it was opened at: told, and kept.
            answers["strengths"] = "A stale strength"
            let stale = try await officer.post(path, answers)
            #expect(stale.status == .conflict && stale.text.contains("Someone else saved a change") && stale.text.contains("A stale strength"))
            #expect(try await PanelTests.events(app, "service-assessment.update") == 37)

            // The framework must ask about both axes.
            let framework = try await officer.get("/manage/assessment/framework")
            #expect(framework.status == .ok && framework.text.contains("Question 9 (new)"))
            var questions: [String: String] = ["version": "1"]
            for i in 1...4 { questions["text-\(i)"] = "Importance question \(i)"; questions["axis-\(i)"] = "importance" }
            for i in 5...10 { questions["text-\(i)"] = "" }
            let oneAxis = try await officer.post("/manage/assessment/framework", questions)
            #expect(oneAxis.status == .unprocessableEntity && oneAxis.text.contains("Ask at least one question about readiness for partnership"))
            // An axis the framework does not have, and an answer off the 1–5 scale, are told beside their fields.
            questions["text-5"] = "Readiness question"; questions["axis-5"] = "urgency"
            let badAxis = try await officer.post("/manage/assessment/framework", questions)
            #expect(badAxis.status == .unprocessableEntity && badAxis.text.contains("Choose the axis question 5 feeds") && badAxis.text.contains("Readiness question"))
            let current = try await officer.get(path)
            let now = String(try #require(current.text.firstMatch(of: /name="version" value="(\d+)"/)).1)
            let offScale = try await officer.post(path, ["version": now, "score-market": "9", "note-market": "Off the scale"])
            #expect(offScale.status == .unprocessableEntity && offScale.text.contains("The score for question 5 must be between 1 and 5")
                    && offScale.text.contains("Off the scale"))

            // Board members, suppliers and evaluators see none of it.
            for role in [Role.boardMember, .supplierUser, .evaluator] {
                let other = Browser(app)
                try await other.signIn(as: role)
                #expect(try await other.get("/manage/assessment").status == .forbidden)
                #expect(try await other.get(path).status == .forbidden)
            }
        }
    }

    @Test func packagesHoldEachServiceOnceAndTheirOptionsAreRankedByTheEvaluationsMethod() async throws {
        try await withDemoApp { app, clock in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/assessment")
            let payroll = try await Self.service(app, "Payroll"), audit = try await Self.service(app, "Internal Audit")
            let emergency = try await Self.service(app, "Emergency Planning")
            let inPackage = try #require(try await ServicePackage.query(on: app.db).all().first { $0.services.contains(payroll.id!) })

            // Nothing chosen; a service already in a package; a name already taken.
            let none = try await officer.post("/manage/assessment/packages", ["name": "Audit"])
            #expect(none.status == .unprocessableEntity && none.text.contains("Choose at least one service for the package"))
            let twice = try await officer.post("/manage/assessment/packages", ["name": "Audit and pay", "service-\(audit.id!.lowercasedString)": "yes",
                                                                               "service-\(payroll.id!.lowercasedString)": "yes"])
            #expect(twice.status == .conflict && twice.text.contains("Payroll is already in the package \(inPackage.name)"))
            let taken = try await officer.post("/manage/assessment/packages", ["name": inPackage.name.uppercased(), "service-\(audit.id!.lowercasedString)": "yes"])
            #expect(taken.status == .conflict && taken.text.contains("There is already a package called"))
            let made = try await officer.post("/manage/assessment/packages", ["name": "Audit", "rationale": "Low in importance, not ready.",
                                                                              "service-\(audit.id!.lowercasedString)": "yes", "service-\(emergency.id!.lowercasedString)": "yes"])
            #expect(made.status == .seeOther)
            let page = try #require(made.location)
            // A box unticked takes its service out (an unticked box is not sent at all).
            #expect(try await officer.post(page, ["version": "1", "name": "Audit", "rationale": "Low in importance, not ready.",
                                                  "service-\(audit.id!.lowercasedString)": "yes"]).status == .seeOther)
            let audited = try #require(try await ServicePackage.query(on: app.db).filter(\.$name == "Audit").first())
            #expect(audited.services == [audit.id!] && audited.version == 2)
            // The same form again from version 1 is stale: told, kept, and it carries the version now saved.
            let stale = try await officer.post(page, ["version": "1", "name": "Audit and emergencies", "service-\(audit.id!.lowercasedString)": "yes"])
            #expect(stale.status == .conflict && stale.text.contains("Audit and emergencies") && stale.text.contains("name=\"version\" value=\"2\""))

            // Options: a score needs its reason; two models, one scoring 5 everywhere, one 2.
            func option(_ model: String, _ score: Int) -> [String: String] {
                var form = ["model": model, "summary": "\(model) for internal audit."]
                for n in 1...8 { form["score-\(n)"] = String(score); form["rationale-\(n)"] = "\(model): \(score) on objective \(n)." }
                return form
            }
            var unexplained = option("Outsource", 2)
            unexplained["rationale-6"] = ""
            let refused = try await officer.post("\(page)/options", unexplained)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Say why the model scores this on objective VI"))
            #expect(try await officer.post("\(page)/options", option("Outsource", 2)).status == .seeOther)
            #expect(try await officer.post("\(page)/options", option("Improve in-house", 5)).status == .seeOther)
            #expect(try await officer.post("\(page)/options", option("outsource", 3)).status == .conflict)
            var offScale = option("Joint venture company", 3)
            offScale["score-2"] = "6"
            let tooHigh = try await officer.post("\(page)/options", offScale)
            #expect(tooHigh.status == .unprocessableEntity && tooHigh.text.contains("The score for objective II must be between 0 and 5")
                    && tooHigh.text.contains("Joint venture company"))
            let appraisal = try await officer.get(page)
            #expect(appraisal.text.contains("100.0%") && appraisal.text.contains("40.0%"))
            let best = try #require(appraisal.text.range(of: "100.0%")), worse = try #require(appraisal.text.range(of: "40.0%"))
            #expect(best.lowerBound < worse.lowerBound, "ranked first, listed first")

            // The API says the same, for officers only.
            let officerAPI = try await ScoringTests.token(app, try await PanelTests.user(app, .officer), clock)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/assessment", headers: officerAPI)
            #expect(api.status == .ok && api.text.contains("\"model\":\"Improve in-house\"") && api.text.contains("\"total\":100") && api.text.contains("\"rank\":2"))
            let board = try await ScoringTests.token(app, try await PanelTests.user(app, .boardMember), clock)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/assessment", headers: board).status == .forbidden)

            // A package with options is not removed; its options are, one by one, and then it is.
            let package = try #require(try await ServicePackage.query(on: app.db).filter(\.$name == "Audit").first())
            #expect(try await officer.post("\(page)/remove", ["version": String(package.version)]).status == .conflict)
            for o in try await AppraisalOption.query(on: app.db).filter(\.$package.$id == package.id!).all() {
                #expect(try await officer.post("\(page)/options/\(o.id!.lowercasedString)/remove", ["version": String(o.version)]).status == .seeOther)
            }
            #expect(try await officer.post("\(page)/remove", ["version": String(package.version)]).status == .seeOther)
            #expect(try await ServicePackage.query(on: app.db).filter(\.$name == "Audit").first() == nil)
        }
    }
}
