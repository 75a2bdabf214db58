@testable import App
import Foundation
import Testing

/// The officer's organisation pages rendered from plain values: no database, no request.
@Suite("Officer pages from plain data")
struct ManagePagesTests {
    static let north = UUID(uuidString: "00000000-0000-4000-8000-00000000000A")!
    static let south = UUID(uuidString: "00000000-0000-4000-8000-00000000000B")!
    static let legal = UUID(uuidString: "00000000-0000-4000-8000-0000000000C1")!
    static let payroll = UUID(uuidString: "00000000-0000-4000-8000-0000000000C2")!

    @Test func theDirectoratesPageListsEachAreaWithItsCountAndAChangeLinkNamingIt() throws {
        let page = ManagePages.directorates([
            .init(id: Self.north, name: "Corporate Services", areas: [
                .init(id: Self.legal, name: "Legal & Democratic", services: 3),
                .init(id: Self.payroll, name: "Payroll", services: 0),
            ]),
            .init(id: Self.south, name: "Housing", areas: []),
        ])
        let html = page.body.rendered
        #expect(html.contains("<caption class=\"table__caption\">Service areas in Corporate Services</caption>"))
        #expect(html.contains("Legal &amp; Democratic"), "names are escaped")
        #expect(html.contains("href=\"/manage/divisions/00000000-0000-4000-8000-0000000000c1\">Change<span class=\"visually-hidden\"> Legal &amp; Democratic</span>"))
        #expect(html.contains("href=\"/manage/divisions/new?directorate=00000000-0000-4000-8000-00000000000a\">Add a service area<span class=\"visually-hidden\"> to Corporate Services</span>"))
        #expect(html.contains("<td class=\"table__cell table__cell--numeric\">3</td>"), "the count of services, as a number")
        // A directorate without areas says so, rather than an empty table.
        let housing = try #require(html.range(of: "Housing"))
        #expect(html[housing.upperBound...].contains("No service areas yet."))
        #expect(html.components(separatedBy: "<table").count == 2, "one table: only Corporate Services has areas")
    }

    @Test func aFormShownAgainKeepsWhatWasTypedAndSaysWhatIsWrongBesideTheField() {
        var errors = FormErrors()
        errors.add("name", "Enter a name")
        let page = ManagePages.divisionForm(
            id: Self.legal, editing: "Legal", directorates: [.init(id: Self.north, label: "Corporate Services"), .init(id: Self.south, label: "Housing")],
            FormState(input: FormInput(["directorateId": Self.south.uuidString, "name": "", "summary": "Typed <summary>", "version": "4"]),
                      errors: errors, status: .unprocessableEntity, csrf: "token-1"))
        let html = page.body.rendered
        #expect(page.status == .unprocessableEntity)
        #expect(page.hasErrors)
        #expect(page.title == "Change Legal")
        #expect(html.contains("<option value=\"00000000-0000-4000-8000-00000000000b\" selected>Housing</option>"), "the chosen directorate stays chosen, whatever the case of its id")
        #expect(html.contains(">Typed &lt;summary&gt;</textarea>"), "what was typed is kept, escaped")
        #expect(html.contains("<p id=\"name-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> Enter a name</p>"))
        #expect(html.contains("<a href=\"#name\">Enter a name</a>"), "the summary links to the field")
        #expect(html.contains("name=\"version\" value=\"4\""), "the version it was opened at goes back with it")
        #expect(html.contains("name=\"_csrf\" value=\"token-1\""))
        #expect(html.contains("action=\"/manage/divisions/00000000-0000-4000-8000-0000000000c1\""))
    }

    @Test func theProfileFormOffersWhatTheProfileCanBecome() {
        let draft = ManagePages.ProfileHeading(id: Self.legal, name: "Legal services", slug: "legal-services", area: "Legal", published: false, version: 7)
        let form = FormState(input: FormInput(["purpose": "Advice"]), csrf: "t")
        let drafted = ManagePages.profileForm(draft, form).body.rendered
        #expect(drafted.contains("Publish profile"))
        #expect(!drafted.contains("Return to draft"))
        #expect(drafted.contains("/manage/services/00000000-0000-4000-8000-0000000000c1/publish"))
        var published = draft
        published.published = true
        let live = ManagePages.profileForm(published, form).body.rendered
        #expect(live.contains("Return to draft"))
        #expect(live.contains("Saving changes updates the public profile at once."))
        #expect(live.contains("href=\"/services/legal-services\">Preview the profile</a>"))
    }
}

@Suite("Objective pages from plain data")
struct ObjectivesPagesTests {
    static let one = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
    static let six = UUID(uuidString: "00000000-0000-4000-8000-000000000006")!
    static let objectives: [ObjectivesPages.Objective] = [
        .init(id: one, number: 1, numeral: "I", title: "Regeneration", weight: 2),
        .init(id: six, number: 6, numeral: "VI", title: "Staff terms", weight: 1),
    ]

    @Test func eachWeightIsShownAsItsShareAndTheHistoryNewestFirst() {
        let changed = Date(timeIntervalSince1970: 1_051_268_400) // 25 April 2003, 12:00 in London (BST)
        let html = ObjectivesPages.objectives(Self.objectives, history: [
            .init(changedAt: changed, numeral: "I", oldWeight: nil, newWeight: 2, changedBy: "Officer <one>", reason: "Project Board, 25 April"),
        ]).body.rendered
        #expect(html.contains("<td class=\"table__cell table__cell--numeric\">66.7%</td>"))
        #expect(html.contains("<td class=\"table__cell table__cell--numeric\">33.3%</td>"))
        #expect(html.contains("– → 2"), "a first weight has no old value")
        #expect(html.contains("Officer &lt;one&gt;"))
        #expect(html.contains("<time datetime=\"2003-04-25T12:00:00+01:00\">"), "in London time, with its offset")
    }

    @Test func theWeightsFormCarriesEachObjectivesVersionAndKeepsWhatWasTyped() {
        var errors = FormErrors()
        errors.add("weight-6", "The weight of objective VI must be a number from 0 to 100")
        let page = ObjectivesPages.weightsForm(Self.objectives, FormState(
            input: FormInput(["weight-1": "3", "weight-6": "lots", "version-1": "4", "version-6": "9", "reason": "Cabinet"]),
            errors: errors, status: .unprocessableEntity, csrf: "t"))
        let html = page.body.rendered
        #expect(page.hasErrors && page.status == .unprocessableEntity)
        #expect(html.contains("name=\"version-1\" value=\"4\"") && html.contains("name=\"version-6\" value=\"9\""))
        #expect(html.contains("id=\"weight-6\" name=\"weight-6\" type=\"text\" value=\"lots\""))
        #expect(html.contains("<label class=\"label\" for=\"weight-1\">I. Regeneration</label>"))
        #expect(html.contains(">Cabinet</textarea>"))
        #expect(html.contains("Save weights"))
    }
}
