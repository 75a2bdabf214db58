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
