@testable import App
@preconcurrency import Crypto
import Fluent
import Foundation
import Glibc
import Testing
import Vapor
import VaporTesting

/// The evaluation report from the outside: the officer drafts it and issues it; WeasyPrint makes
/// its PDF, which is kept and served again byte for byte; board members and officers read Part 2
/// reports, anyone Part 1, nobody else an exempt one. The scores as CSV.
@Suite("Reports")
struct ReportsTests {
    static func draft(_ title: String = "Evaluation of the responses", part: String = "3", version: String? = nil) -> [String: String] {
        var form = ["title": title, "author": "the Strategy Team", "meeting": "Project Board", "meeting-date": "2003-06-02", "part": part,
                    "recommendations": "That the Board notes the evaluation.\nThat the Board agrees the next steps.",
                    "summary": "Two organisations responded.\n\nThe demo organisation’s proposal has the highest weighted total.",
                    "background": "The Project Board’s minutes of 21 March 2003"]
        if let version { form["version"] = version }
        return form
    }

    /// The moderator agrees every score: the demo organisation 4, and 5 on VI (84.0%); the rival 2 (40.0%).
    static func agreeAll(_ app: Application, _ s: ScoringTests.Setup) async throws -> Browser {
        let moderator = Browser(app)
        try await moderator.signIn(as: .moderator)
        for (o, score) in [(s.demo, { (n: Int) in n == 6 ? 5 : 4 }), (s.rival, { (_: Int) in 2 })] {
            let sheet = "/evaluate/\(s.id)/moderation/\(o.id!.lowercasedString)"
            try await moderator.get(sheet)
            var form = ["version": "0"]
            for n in 1...8 { form["score-\(n)"] = String(score(n)); form["reason-\(n)"] = "Agreed at the moderation meeting." }
            let agreed = try await moderator.post(sheet, form)
            #expect(agreed.status == .seeOther, "\(ResponsesTests.problems(agreed.text))")
        }
        return moderator
    }

    static func issuedID(_ response: TestingHTTPResponse) throws -> String {
        String(try #require(response.location?.firstMatch(of: /\/reports\/([0-9a-f-]{36})/)).1)
    }

    @Test func anOfficerDraftsAndIssuesTheReportAndTheBoardReadsWhatWasIssued() async throws {
        try await withDemoApp { app, clock in
            let s = try await ResultsTests.scored(app, clock)
            let path = "/manage/exercises/\(s.id)/report"

            // The draft starts from words to edit, exempt under paragraph 3; the report reads the evaluation as it stands.
            let first = try await s.officer.get(path)
            #expect(first.status == .ok && first.text.contains("Strategic partnering: evaluation of the responses to \(s.exercise.reference)"))
            #expect(first.text.contains("<option value=\"3\" selected>") && first.text.contains("Not issued yet"))
            #expect(first.text.contains("74.0%") && first.text.contains("How much the ranking depends on the weights") && first.text.contains("Background documents"))
            #expect(try await s.officer.post("\(path)/issue", ["version": "1"]).status == .conflict, "nothing to issue before a draft is saved")
            // Nothing is issued while any score is provisional: the Board reads no score in progress.
            #expect(first.text.contains("The report can be issued once every evaluator has submitted and the moderator has agreed every score")
                    && first.text.contains("16 scores are not yet agreed") && !first.text.contains("Issue the saved draft"))

            // Refused beside the field, what was typed kept.
            var bad = Self.draft("", part: "9")
            bad["meeting-date"] = "2 June"
            let refused = try await s.officer.post(path, bad)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Enter the report’s title"))
            #expect(refused.text.contains("Enter the meeting’s date as year-month-day") && refused.text.contains("Select who may read it")
                    && refused.text.contains("value=\"2 June\"") && refused.text.contains("That the Board agrees the next steps."))

            #expect(try await s.officer.post(path, Self.draft()).status == .seeOther)
            let provisional = try await s.officer.post("\(path)/issue", ["version": "1", "number": "1"])
            #expect(provisional.status == .conflict && provisional.text.contains("16 scores are not yet agreed"))
            let moderator = try await Self.agreeAll(app, s)
            let saved = try await s.officer.get(path)
            #expect(saved.text.contains("Issue the saved draft") && saved.text.contains("The Project Board’s minutes of 21 March 2003") && saved.text.contains("84.0%"))
            // A second save from the first form's version is told, keeps what was typed, and can then be saved.
            #expect(try await s.officer.post(path, Self.draft("Edited meanwhile", version: "1")).status == .seeOther)
            let stale = try await s.officer.post(path, Self.draft("A stale title", version: "1"))
            #expect(stale.status == .conflict && stale.text.contains("A stale title") && stale.text.contains("Edited meanwhile")
                    && stale.text.contains("name=\"version\" value=\"2\""))
            #expect(try await s.officer.post(path, Self.draft("Edited meanwhile", version: "2")).status == .seeOther, "nothing changed: saved as it was")
            // A form without its version is stale too, never a message about a field nobody sees.
            #expect(try await s.officer.post(path, Self.draft("No version", version: "")).status == .conflict)
            // Issuing from a draft version that is no longer the latest is refused too.
            #expect(try await s.officer.post("\(path)/issue", ["version": "1", "number": "1"]).status == .conflict)

            // The printable view is a whole document in the committee layout.
            let print = try await s.officer.get("\(path)/print")
            #expect(print.status == .ok && print.text.hasPrefix("<!DOCTYPE html>") && print.text.contains("/report.css?v=")
                    && print.text.contains("Part 2: not for publication") && print.text.contains("paragraph 3 of Part 1 of"))

            // Issue: the PDF is made and kept with the words as they stood.
            let issue = try await s.officer.post("\(path)/issue", ["version": "2", "number": "1"])
            #expect(issue.status == .seeOther, "\(issue.status) \(issue.text.suffix(500))")
            let id = try Self.issuedID(issue)
            let stored = try #require(try await IssuedReport.find(UUID(uuidString: id), on: app.db))
            #expect(stored.number == 1 && stored.paragraph == 3 && stored.title == "Edited meanwhile")
            #expect(stored.pdf.starts(with: Data("%PDF-".utf8)) && stored.pdfSHA256 == Hex.encode(SHA256.hash(data: stored.pdf)))
            #expect(stored.body.contains("84.0%") && stored.body.contains("That the Board agrees the next steps."))
            // The button pressed twice: the second finds number 1 issued already, and issues nothing.
            let twice = try await s.officer.post("\(path)/issue", ["version": "2", "number": "1"])
            #expect(twice.status == .conflict && twice.text.contains("Report number 1 was issued while this one was being made"))
            #expect(try await PanelTests.events(app, "report.issue") == 1)

            // The board reads it, and its PDF byte for byte; it never sees scores in progress.
            let board = Browser(app)
            try await board.signIn(as: .boardMember)
            let list = try await board.get("/reports")
            #expect(list.status == .ok && list.text.contains("Edited meanwhile") && list.text.contains("Part 2, exempt (paragraph 3)"))
            let read = try await board.get("/reports/\(id)")
            #expect(read.status == .ok && read.text.contains("84.0%") && read.text.contains("Part 2: not for publication"))
            let pdf = try await board.get("/reports/\(id)/pdf")
            #expect(pdf.status == .ok && pdf.headers.contentType?.description == "application/pdf" && Data(buffer: pdf.body) == stored.pdf)
            #expect(try await board.get("/manage/exercises/\(s.id)/results").status == .forbidden)
            #expect(try await board.get("/manage/exercises/\(s.id)/report").status == .forbidden)
            #expect(try await board.get("/evaluate/\(s.id)/scores").status == .forbidden)

            // Nobody else may read an exempt report: it is not there for them, on pages or in the API.
            let supplier = Browser(app), evaluator = s.evaluator, nobody = Browser(app)
            try await supplier.signIn(as: .supplierUser)
            for b in [supplier, evaluator, nobody] {
                #expect(try await b.get("/reports/\(id)").status == .notFound)
                #expect(try await b.get("/reports/\(id)/pdf").status == .notFound)
                #expect(!(try await b.get("/reports")).text.contains("Edited meanwhile"))
            }
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/\(id)").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/\(id)/pdf").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/\(UUID().lowercasedString)").status == .notFound, "a guessed id")
            let boardAPI = try await ScoringTests.token(app, try await PanelTests.user(app, .boardMember), clock)
            let apiList = try await app.testing().sendRequest(.GET, "/api/v1/reports", headers: boardAPI)
            #expect(apiList.status == .ok && apiList.text.contains("\"exemptParagraph\":3") && apiList.text.contains(stored.pdfSHA256))
            let apiPDF = try await app.testing().sendRequest(.GET, "/api/v1/reports/\(id)/pdf", headers: boardAPI)
            #expect(apiPDF.status == .ok && Data(buffer: apiPDF.body) == stored.pdf)
            #expect(!(try await app.testing().sendRequest(.GET, "/api/v1/reports")).text.contains(id))

            // What was issued stays as issued: a later agreed score changes the report as it stands, not number 1.
            // The rival's I agreed again at 5: (5 × 20 + 2 × 80) / 500 = 52.0%.
            let sheet = "/evaluate/\(s.id)/moderation/\(s.rival.id!.lowercasedString)"
            try await moderator.get(sheet)
            var again = ["version": "1", "score-1": "5", "reason-1": "=HYPERLINK(\"http://example.org\")"]
            for n in 2...8 { again["score-\(n)"] = "2"; again["reason-\(n)"] = "Agreed at the moderation meeting." }
            #expect(try await moderator.post(sheet, again).status == .seeOther)
            #expect((try await s.officer.get(path)).text.contains("52.0%"))
            #expect(Data(buffer: (try await board.get("/reports/\(id)/pdf")).body) == stored.pdf)
            #expect(!(try await board.get("/reports/\(id)")).text.contains("52.0%"))

            // A Part 1 issue is open to anyone; number 1 stays exempt.
            try await s.officer.get(path)
            #expect(try await s.officer.post(path, Self.draft("The open report", part: "0")).status == .seeOther)
            try await s.officer.get(path)
            let open = try await s.officer.post("\(path)/issue", ["version": "3", "number": "2"])
            let openID = try Self.issuedID(open)
            #expect(try await IssuedReport.find(UUID(uuidString: openID), on: app.db)?.number == 2)
            let public1 = try await nobody.get("/reports/\(openID)")
            #expect(public1.status == .ok && public1.text.contains("Part 1: open to the public") && public1.text.contains("52.0%"))
            #expect(try await nobody.get("/reports/\(id)").status == .notFound)
            let anonymousList = try await app.testing().sendRequest(.GET, "/api/v1/reports")
            #expect(anonymousList.text.contains(openID) && !anonymousList.text.contains(id))

            // The scores as CSV: every submitted score with its rationale, and the agreed one, a formula defused.
            let csv = try await s.officer.get("/manage/exercises/\(s.id)/scores.csv")
            #expect(csv.status == .ok && csv.headers.contentType?.description == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "\u{FEFF}Organisation,Objective,Objective title,Scored by,Score,Rationale or reason,Submitted")
            #expect(lines.count == 49, "a header, then two evaluators × two responses × eight objectives, and sixteen agreed scores")
            #expect(csv.text.contains("Agreed by the moderator,5,\"'=HYPERLINK(\"\"http://example.org\"\")\""))
            #expect(try await board.get("/manage/exercises/\(s.id)/scores.csv").status == .forbidden)
        }
    }

    @Test func csvCellsAreQuotedAndFormulasDefused() {
        #expect(CSV.cell("plain") == "plain")
        #expect(CSV.cell("a, b") == "\"a, b\"")
        #expect(CSV.cell("say \"yes\"") == "\"say \"\"yes\"\"\"")
        #expect(CSV.cell("two\nlines") == "\"two\nlines\"")
        for formula in ["=1+1", "-5", "@SUM(A1)", "+44", "\tx"] {
            #expect(CSV.cell(formula) == "'" + formula)
        }
    }

    /// WeasyPrint fetches nothing: a report naming an address on this machine makes its PDF, and
    /// nothing connects to the address.
    @Test func thePDFMakerFetchesNothing() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        #expect(bound == 0 && listen(listener, 8) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let flags = fcntl(listener, F_GETFL)
        _ = fcntl(listener, F_SETFL, flags | O_NONBLOCK)

        let html: HTML = """
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Fetching</title>
            <link rel="stylesheet" href="http://127.0.0.1:\(String(port))/style.css"></head>
            <body><p>A report that names an address.</p><img src="http://127.0.0.1:\(String(port))/logo.png" alt="A logo"></body></html>
            """
        let pdf = try PDFMaker.run(Data(html.rendered.utf8), python: "/usr/bin/python3")
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(accept(listener, nil, nil) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK), "something connected to the address")
    }

    @Test func aMissingPythonIsToldNotCrashed() throws {
        #expect(throws: PDFMaker.Failure.self) { try PDFMaker.run(Data("<p>x</p>".utf8), python: "/nonexistent/python3") }
    }
}
