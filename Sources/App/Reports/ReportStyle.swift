import Vapor

/// The printable report's CSS: A4 pages with their numbers, a plain committee-report look, and on
/// screen a readable column whose wide tables scroll inside themselves. Served at `/report.css`
/// for browsers, and written into the document WeasyPrint reads.
enum ReportStyle {
    static let version = String(Secrets.sha256(css).prefix(10))

    static func serve(_ req: Request) -> Response {
        Response(status: .ok, headers: [
            "Content-Type": "text/css; charset=utf-8",
            "Cache-Control": "public, max-age=31536000, immutable",
        ], body: .init(string: css))
    }

    static let css = """
        @page { size: A4; margin: 20mm 18mm 22mm 18mm;
          @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt Arial, Helvetica, sans-serif; color: #333; }
          @top-center { content: element(running); } }
        html { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; line-height: 1.4; }
        body.report-document { margin: 0 auto; padding: 1rem; max-width: 48rem; font-size: 1rem; }
        .report__running { position: running(running); font-size: 9pt; font-weight: bold; text-transform: uppercase; letter-spacing: .05em; margin: 0; }
        .report__council { font-weight: bold; margin: 0 0 .25rem; }
        .report__meeting, .report__author, .report__status { margin: 0 0 .25rem; }
        .report__title { font-size: 1.6rem; margin: .75rem 0; }
        .report__access { border: 3px solid #0b0c0c; padding: .5rem .75rem; margin: 1rem 0; }
        .report__access--exempt { border-color: #d4351c; }
        .report__access p { margin: .25rem 0; }
        .report__heading { font-size: 1.25rem; margin: 1.5rem 0 .5rem; break-after: avoid; }
        .report__subheading { font-size: 1.05rem; margin: 1rem 0 .5rem; break-after: avoid; }
        .report p, .report li { overflow-wrap: anywhere; }
        .report__list { padding-left: 1.5rem; }
        .report__list--roman { list-style-type: lower-roman; padding-left: 2.5rem; }
        .report__facts { margin: 1rem 0; }
        .report__fact { margin-bottom: .5rem; }
        .report__fact dt { font-weight: bold; }
        .report__fact dd { margin: 0; }
        h3.report__heading { font-size: 1.1rem; }
        .report__list li { margin-bottom: .35rem; }
        .report__quote { border-left: 4px solid #b1b4b6; margin: .5rem 0; padding-left: .75rem; }
        .report__note { color: #484949; }
        .table-wrap { margin: .75rem 0 1rem; position: relative; }
        .table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        .table__caption { text-align: left; font-weight: bold; margin-bottom: .35rem; }
        .table__header, .table__cell { border-bottom: 1px solid #b1b4b6; padding: .3rem .4rem .3rem 0; text-align: left; vertical-align: top; }
        .table__header--numeric, .table__cell--numeric { text-align: right; }
        .tag { font-weight: bold; }
        .secondary-text { color: #484949; }
        .visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important;
          overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
        @media screen {
          .table-wrap { overflow-x: auto; }
          .table-wrap:focus { outline: 3px solid #fd0; box-shadow: inset 0 0 0 2px #0b0c0c; }
        }
        .report__back { margin-bottom: 1rem; }
        .report__back a { color: #1d70b8; }
        .report__back a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
        @media print {
          .report__back { display: none; }
          body.report-document { max-width: none; padding: 0; font-size: 10.5pt; }
          .table { font-size: 8.5pt; }
          .table__row { break-inside: avoid; }
          .report__section { break-inside: auto; }
        }
        """
}
