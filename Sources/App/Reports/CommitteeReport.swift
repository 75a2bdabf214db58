import Foundation

/// A report to a council committee or board, in the layout councils use: who it is for and from,
/// whether the public may read it, the recommendations, a summary, the numbered sections, and the
/// background documents. A feature fills one in (the evaluation report; governance and performance
/// reports later); this type lays it out, for the screen inside the site's frame and as a
/// printable document, which `PDFMaker` turns into the PDF.
struct CommitteeReport: Sendable {
    struct Section: Sendable {
        var heading: String
        var body: HTML
    }

    var council: String
    var title: String
    /// The meeting it goes to, such as "Project Board".
    var meeting: String
    var meetingDate: Day?
    /// Who reports: "Report of the Strategy Team".
    var author: String
    var access: Access
    var recommendations: [String]
    /// Paragraphs.
    var summary: [String]
    var sections: [Section]
    var background: [String]
    /// What a council's reports state beside the recommendations (risk, funding, advice taken,
    /// the contact officer, wards, policies), as label and text; only those given are shown.
    var facts: [(label: String, text: String)] = []
    /// Where it stands: "Draft", or "Issued 2 June 2003 (number 1)".
    var status: String

    /// Part 1 of the agenda (open to the public), or Part 2 (exempt), with the paragraph of
    /// Schedule 12A to the Local Government Act 1972 that makes it so.
    enum Access: Sendable, Equatable {
        case open
        case exempt(paragraph: Int)

        var label: String {
            switch self {
            case .open: "Part 1 (open to the public)"
            case .exempt(let n): "Part 2 (exempt under paragraph \(n) of Schedule 12A to the Local Government Act 1972)"
            }
        }

        /// Stored as the paragraph's number; 0 for Part 1.
        var paragraph: Int {
            if case .exempt(let n) = self { n } else { 0 }
        }

        init(paragraph: Int) {
            self = paragraph == 0 ? .open : .exempt(paragraph: paragraph)
        }
    }

    /// The descriptions of exempt information in Part 1 of Schedule 12A to the Local Government
    /// Act 1972, as it applies in England since 2006.
    static let schedule12A: [(number: Int, text: String)] = [
        (1, "Information relating to any individual."),
        (2, "Information which is likely to reveal the identity of an individual."),
        (3, "Information relating to the financial or business affairs of any particular person (including the authority holding that information)."),
        (4, "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority."),
        (5, "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings."),
        (6, "Information which reveals that the authority proposes (a) to give under any enactment a notice under or by virtue of which requirements are imposed on a person; or (b) to make an order or direction under any enactment."),
        (7, "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime."),
    ]

    /// Reports quote proposals, so they are exempt by default: the financial or business affairs
    /// of the organisations that made them.
    static let defaultParagraph = 3

    static func paragraphText(_ n: Int) -> String {
        schedule12A.first { $0.number == n }?.text ?? ""
    }

    /// The box at the top saying who may read it.
    var accessNotice: HTML {
        switch access {
        case .open:
            return "<p class=\"report__access\">Part 1: open to the public.</p>"
        case .exempt(let n):
            return """
                <div class="report__access report__access--exempt">
                  <p><strong>Part 2: not for publication.</strong> This report is exempt under paragraph \(String(n)) of Part 1 of
                    Schedule 12A to the Local Government Act 1972: \(Self.paragraphText(n))</p>
                  <p>In all the circumstances, the public interest in keeping the information exempt outweighs the public interest in disclosing it.</p>
                </div>
                """
        }
    }

    /// The report itself, the same on the screen and on paper, in the order council reports
    /// take: who it is from and to, the title, the recommendations, the executive summary, the
    /// background documents and the report's facts, then the details in numbered sections.
    var body: HTML {
        let recs: HTML = recommendations.isEmpty ? "<p>None.</p>" : "<ol class=\"report__list report__list--roman\">\(recommendations.map { "<li>\($0)</li>" as HTML })</ol>"
        let summaryParas: HTML = summary.isEmpty ? "<p>None.</p>" : "\(summary.map { "<p>\($0)</p>" as HTML })"
        let numbered = sections.enumerated().map { i, s -> HTML in
            """
            <section class="report__section" aria-labelledby="report-section-\(String(i + 1))">
              <h3 id="report-section-\(String(i + 1))" class="report__heading">\(String(i + 1)). \(s.heading)</h3>
              \(s.body)
            </section>
            """
        }
        let backgroundList: HTML = background.isEmpty ? "<p>None.</p>" : "<ul class=\"report__list\">\(background.map { "<li>\($0)</li>" as HTML })</ul>"
        let factList: HTML = facts.isEmpty ? .empty : """
            <dl class="report__facts">\(facts.map { "<div class=\"report__fact\"><dt>\($0.label)</dt><dd>\($0.text)</dd></div>" as HTML })</dl>
            """
        return """
            <article class="report">
              <header class="report__header">
                \(accessNotice)
                <p class="report__council">\(council)</p>
                <p class="report__author">\(author)</p>
                <p class="report__meeting">To the \(meeting)\(meetingDate.map { ", on \($0.long)" } ?? "")</p>
                <h1 class="report__title">\(title.isEmpty ? "Untitled report" : title)</h1>
                <p class="report__status">\(status)</p>
              </header>
              <section class="report__section" aria-labelledby="report-recommendations">
                <h2 id="report-recommendations" class="report__heading">Recommendations</h2>
                \(recs)
              </section>
              <section class="report__section" aria-labelledby="report-summary">
                <h2 id="report-summary" class="report__heading">Executive summary</h2>
                \(summaryParas)
              </section>
              <section class="report__section" aria-labelledby="report-background">
                <h2 id="report-background" class="report__heading">Background documents</h2>
                \(backgroundList)
                \(factList)
              </section>
              <section class="report__section" aria-labelledby="report-details">
                <h2 id="report-details" class="report__heading">Details</h2>
                \(numbered)
              </section>
            </article>
            """
    }

    /// The body with every heading `levels` lower (a title `h1` becomes `h3`), for showing the report
    /// inside a page that has headings of its own. The markup is the code's own (data is escaped), so
    /// its heading tags are only ever these.
    func body(headingsLowerBy levels: Int) -> HTML {
        var text = body.rendered
        for level in stride(from: 6 - levels, through: 1, by: -1) {
            text = text.replacingOccurrences(of: "<h\(level)", with: "<h\(level + levels)").replacingOccurrences(of: "</h\(level)>", with: "</h\(level + levels)>")
        }
        return HTML(unsafe: text)
    }

    enum Styles {
        /// A `<link>` to `/report.css`, for browsers (the site's security policy allows no inline style).
        case linked
        /// The CSS in the document, for WeasyPrint, which fetches nothing.
        case inline
    }

    /// The whole printable document: A4, numbered pages, "not for publication" on every page of an
    /// exempt report.
    /// `back` is a link shown on screen above the report (never printed), back to where it was opened from.
    func document(_ styles: Styles, back: (text: String, url: SiteURL)? = nil) -> HTML {
        let css: HTML = switch styles {
        case .linked: "<link rel=\"stylesheet\" href=\"\(SiteURL.reportStylesheet.path)?v=\(ReportStyle.version)\">"
        case .inline: "<style>\(HTML(unsafe: ReportStyle.css))</style>"
        }
        let running: HTML = if case .exempt = access { "<p class=\"report__running\">Part 2: not for publication</p>" } else { .empty }
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>\(title) – \(council)</title>
              <meta name="author" content="\(council)">
              \(css)
            </head>
            <body class="report-document">
              \(back.map { "<nav class=\"report__back\" aria-label=\"Back\"><a href=\"\($0.url.path)\">\($0.text)</a></nav>" as HTML } ?? .empty)
              <main>
              \(running)
              \(body)
              </main>
            </body>
            </html>
            """
    }
}
