@testable import App
import Foundation
import Testing

@Suite("The audit page from plain data")
struct AuditPageTests {
    @Test func theAuditPageSaysWhatTheCheckFoundAndPagesThroughTheEvents() {
        let event = AuditPage.Event(seq: nil, at: Date(timeIntervalSince1970: 1_050_000_000), actor: "Officer", action: "pledge.update", note: "",
                                    changes: ["title": FieldChange(before: "Old <title>", after: "New")])
        let middle = AuditPage.render([event], page: 2, total: 120, verification: .broken(seq: 7, reason: "its MAC does not match")).body.rendered
        #expect(middle.contains("The chain breaks at event 7: its MAC does not match."))
        #expect(middle.contains("Events 51–100 of 120"))
        #expect(middle.contains("?page=1\">Newer events</a>") && middle.contains("?page=3\">Older events</a>"))
        #expect(middle.contains("<del>Old &lt;title&gt;</del> → <ins>New</ins>"))
        #expect(middle.contains("being chained"))
        let first = AuditPage.render([], page: 1, total: 0, verification: nil).body.rendered
        #expect(first.contains("Check the chain"))
        #expect(!first.contains("Newer events") && !first.contains("Older events"))
    }
}
