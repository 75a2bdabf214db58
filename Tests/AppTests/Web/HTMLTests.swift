@testable import App
import Testing

@Suite("HTML building")
struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x')</script> & \"friends\""
        let html: HTML = "<p>\(name)</p>"
        #expect(html.rendered == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</p>")
    }

    @Test func interpolatedHTMLIsKept() {
        let inner: HTML = "<em>\("a<b")</em>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.rendered == "<p><em>a&lt;b</em></p>")
    }

    @Test func proseMakesParagraphsAndLists() {
        let html = prose("First line\ncontinues.\n\n- one\n- <two>")
        #expect(html.rendered == "<p class=\"body\">First line continues.</p><ul class=\"list list--bullet\"><li>one</li><li>&lt;two&gt;</li></ul>")
    }

    @Test func siteURLsMatchTheirRoutes() {
        let id = UUID(uuidString: "6F1D3E0A-0000-4000-8000-000000000001")!
        #expect(SiteURL.serviceProfile(.value(id)).path == "/manage/services/6f1d3e0a-0000-4000-8000-000000000001/profile")
        #expect(SiteURL.serviceProfile(.key).path == "/manage/services/:id/profile")
        #expect(SiteURL.service(.value("a b")).path == "/services/a%20b")
    }

    @Test func contrastFollowsWCAG() {
        #expect(abs(Contrast.ratio("#000000", "#ffffff") - 21) < 0.01)
        #expect(Contrast.ratio("#1d70b8", "#ffffff") > 4.5)
        #expect(Contrast.ratio("#ffdd00", "#ffffff") < 4.5)
    }
}

import Foundation

@Suite("Prose")
struct ProseTests {
    @Test func windowsLineEndsAndBlankLinesWithSpacesSeparateParagraphs() {
        let html = prose("  First\r\nline.\r\n   \r\n- a\r\n- b  \n\n\nLast").rendered
        #expect(html == "<p class=\"body\">First line.</p><ul class=\"list list--bullet\"><li>a</li><li>b</li></ul><p class=\"body\">Last</p>")
    }

    @Test func nothingButSpaceIsNothing() {
        #expect(prose(" \n\t\n").rendered.isEmpty)
    }
}
