import Vapor

/// The site's CSS, served from memory with a long cache life; the version in its address changes
/// whenever the text does. Colours meet WCAG 2.2 AA contrast on white.
enum Stylesheet {
    static let version = String(Secrets.sha256(css).prefix(10))

    static func serve(_ req: Request) -> Response {
        cssResponse(css, maxAge: 31_536_000)
    }

    /// The council's colours, as custom properties the main stylesheet uses.
    static func theme(_ req: Request) async throws -> Response {
        let council = try await req.council()
        return cssResponse(":root{--header:\(council.headerColour);--accent:\(council.accentColour)}\n", maxAge: 31_536_000)
    }

    private static func cssResponse(_ text: String, maxAge: Int) -> Response {
        Response(status: .ok, headers: [
            "Content-Type": "text/css; charset=utf-8",
            "Cache-Control": "public, max-age=\(maxAge), immutable",
        ], body: .init(string: text))
    }

    static let css = """
    :root{--text:#0b0c0c;--secondary:#505a5f;--border:#b1b4b6;--light:#f3f2f1;--error:#d4351c;--success:#00703c;--focus:#fd0;--header:#0b0c0c;--accent:#1d70b8}
    *,*::before,*::after{box-sizing:border-box}
    html{font-size:100%}
    body{margin:0;font-family:Arial,"Helvetica Neue",Helvetica,sans-serif;color:var(--text);background:#fff;line-height:1.4;overflow-wrap:anywhere;-webkit-font-smoothing:antialiased}
    .width-container{max-width:960px;margin:0 15px}
    @media(min-width:40.0625em){.width-container{margin:0 30px}}
    @media(min-width:1020px){.width-container{margin:0 auto}}
    .skip-link{position:absolute;left:-9999px;padding:10px 15px;background:var(--focus);color:var(--text)}
    .skip-link:focus{left:0;top:0;z-index:10}
    a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 7px var(--text)}
    a:focus{background:var(--focus);color:var(--text);box-shadow:0 -2px var(--focus),0 4px var(--text);outline:none;text-decoration:none}
    .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
    .header{background:var(--header);color:#fff;border-bottom:10px solid var(--accent)}
    .header__container{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;padding:12px 0}
    .header__home{color:#fff;font-weight:700;font-size:1.5rem;text-decoration:none}
    .header__home:hover{text-decoration:underline}
    .header__service{font-weight:400;margin-left:.4em}
    .header__account{display:flex;align-items:center;gap:12px;font-size:1rem}
    .header__link,.header__link:visited{color:#fff}
    .header__role{opacity:.9}
    .header__button{font:inherit;color:#fff;background:none;border:0;text-decoration:underline;cursor:pointer;padding:0}
    .service-nav{border-bottom:1px solid var(--border);background:var(--light)}
    .service-nav__list{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:0 24px}
    .service-nav__link{display:inline-block;padding:12px 0;color:var(--accent);font-weight:700;text-decoration:none}
    .service-nav__link:hover{text-decoration:underline}
    .service-nav__link[aria-current=page]{color:var(--text);border-bottom:4px solid var(--accent);padding-bottom:8px}
    .breadcrumbs{margin-top:15px;font-size:1rem}
    .breadcrumbs__list{list-style:none;margin:0;padding:0}
    .breadcrumbs__item{display:inline-block}
    .breadcrumbs__item+.breadcrumbs__item::before{content:"›";margin:0 .5em;color:var(--secondary)}
    .breadcrumbs__link{color:var(--text)}
    .main-wrapper{display:block;padding:30px 0 60px}
    .footer{border-top:1px solid var(--border);background:var(--light);padding:25px 0;font-size:1rem}
    .footer__text{margin:0 0 10px;color:var(--text)}
    .footer__link{color:var(--text)}
    .heading-xl{font-size:2.5rem;line-height:1.1;margin:0 0 30px}
    .heading-l{font-size:2rem;line-height:1.15;margin:0 0 20px}
    .heading-m{font-size:1.5rem;line-height:1.2;margin:30px 0 15px}
    .heading-s{font-size:1.1875rem;margin:20px 0 10px}
    .caption{display:block;color:var(--secondary);font-size:1.1875rem;margin-bottom:5px}
    .body,.list{font-size:1.1875rem;margin:0 0 20px}
    .lead{font-size:1.5rem;margin:0 0 30px}
    .secondary-text{color:var(--secondary)}
    .list{padding-left:0;list-style:none}
    .list--bullet{padding-left:20px;list-style:disc}
    .list li{margin-bottom:5px}
    .link{color:var(--accent)}
    .link:visited{color:#4c2c92}
    .link:hover{color:#003078}
    .section-break{margin:30px 0;border:0;border-bottom:1px solid var(--border)}
    .grid{display:grid;gap:30px}
    @media(min-width:40.0625em){.grid--halves{grid-template-columns:1fr 1fr}}
    .card{border-top:5px solid var(--accent);padding:15px 0}
    .tag{display:inline-block;padding:2px 8px;font-size:1rem;font-weight:700;background:#bbd4ea;color:#0c2d4a}
    .tag--grey{background:#e5e6e7;color:#0b0c0c}
    .tag--green{background:#cce2d8;color:#005a30}
    .tag--yellow{background:#fff7bf;color:#594d00}
    .tag--red{background:#f4cdc6;color:#942514}
    .summary-list{margin:0 0 30px;font-size:1.1875rem}
    .summary-list__row{display:flex;flex-wrap:wrap;border-bottom:1px solid var(--border);padding:10px 0}
    .summary-list__key{font-weight:700;flex:0 0 30%;margin:0;padding-right:20px}
    .summary-list__value{flex:1 1 50%;margin:0}
    .summary-list__value>p:last-child{margin-bottom:0}
    .summary-list__actions{flex:0 0 auto;margin:0;text-align:right}
    .table-wrap{overflow-x:auto;position:relative;margin-bottom:30px}
    .table-wrap:focus{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 7px var(--text)}
    .table{width:100%;border-collapse:collapse;font-size:1.1875rem}
    .table__caption{text-align:left;font-weight:700;font-size:1.5rem;margin-bottom:15px}
    .table__header,.table__cell{padding:10px 20px 10px 0;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}
    .table__header--numeric,.table__cell--numeric{text-align:right}
    .email-text{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;background:var(--light);padding:15px;max-width:40em}
    .summary-card{border:1px solid var(--border);padding:15px 20px;margin-bottom:20px}
    .fieldset{border:0;margin:0 0 20px;padding:0;min-width:0}
    .fieldset__legend{font-weight:700;font-size:1.1875rem;margin-bottom:10px;padding:0}
    .checkbox{display:flex;align-items:flex-start;gap:10px;margin-bottom:10px}
    .checkbox input{width:28px;height:28px;margin:0;flex:none}
    .checkbox label{padding-top:2px}
    .form-group{margin-bottom:30px}
    .form-group--error{border-left:5px solid var(--error);padding-left:15px}
    .label{display:block;font-weight:700;font-size:1.1875rem;margin-bottom:5px}
    .hint{color:var(--secondary);font-size:1.1875rem;margin-bottom:10px}
    .error-message{color:var(--error);font-weight:700;font-size:1.1875rem;margin:0 0 10px}
    .input,.textarea,.select{font:inherit;font-size:1.1875rem;border:2px solid var(--text);padding:5px;width:100%;border-radius:0;background:#fff;color:var(--text)}
    .input--width-10{max-width:12em}.input--width-20{max-width:22em}.input--width-5{max-width:6em}
    .input--error,.textarea--error{border-color:var(--error)}
    .file-upload{display:block;max-width:100%;font:inherit;padding:5px 0}
    .file-upload.input--error{border:2px solid var(--error);padding:5px}
    .select{width:auto;min-width:12em;max-width:100%}
    .button{font:inherit;font-size:1.1875rem;display:inline-block;padding:8px 10px 7px;border:2px solid transparent;border-radius:0;color:#fff;background:var(--success);box-shadow:0 2px 0 #002d18;cursor:pointer;margin:0 15px 20px 0;text-decoration:none}
    .button:hover{background:#005a30}
    .button--secondary{background:var(--light);color:var(--text);box-shadow:0 2px 0 #929191}
    .button--secondary:hover{background:#dbdad9}
    .button--warning{background:var(--error);box-shadow:0 2px 0 #55150b}
    .button--warning:hover{background:#aa2a16}
    .button-group{display:flex;flex-wrap:wrap;align-items:center;gap:0 15px}
    .inline-form{display:inline}
    .error-summary{border:5px solid var(--error);padding:20px;margin-bottom:30px}
    .error-summary__title{font-size:1.5rem;margin:0 0 15px}
    .error-summary__list a{color:var(--error);font-weight:700}
    .panel{padding:35px;margin-bottom:30px;text-align:center}
    .panel--confirmation{background:var(--success);color:#fff}
    .panel__title{font-size:2.5rem;margin:0 0 15px}
    .panel__body{font-size:1.5rem}
    .panel__body code{font-size:1.1875rem;word-break:break-all;background:#fff;color:var(--text);padding:4px;display:inline-block}
    .notification-banner{border:5px solid var(--accent);margin-bottom:30px}
    .notification-banner--success{border-color:var(--success)}
    .notification-banner__header{padding:2px 15px;background:var(--accent);color:#fff}
    .notification-banner--success .notification-banner__header{background:var(--success)}
    .notification-banner__title{font-size:1.1875rem;margin:0}
    .notification-banner__content{padding:15px}
    .notification-banner__heading{font-size:1.1875rem;font-weight:700;margin:0}
    .notice{border-left:10px solid var(--error);padding:15px;margin:0 0 30px;overflow-wrap:anywhere}
    .notice:focus{outline:3px solid var(--focus, #fd0)}
    .inset-text{border-left:10px solid var(--border);padding:15px;margin:0 0 30px;font-size:1.1875rem}
    .warning-text{font-weight:700;font-size:1.1875rem;margin-bottom:20px}
    .pagination{display:flex;gap:20px;font-size:1.1875rem;margin-bottom:30px}
    code{font-family:monospace}
    .report{font-size:1.1875rem;overflow-wrap:anywhere}
    .report-preview{border:1px solid var(--border);padding:15px;margin-bottom:30px}
    .report__council,.report__meeting,.report__author,.report__status{margin:0 0 5px}
    .report__council{font-weight:700}
    .report__title{font-size:2rem;margin:15px 0}
    .report__access{border:5px solid var(--text);padding:10px 15px;margin:20px 0}
    .report__access--exempt{border-color:var(--error)}
    .report__heading{font-size:1.5rem;margin:30px 0 15px}
    .report__subheading{font-size:1.1875rem;margin:20px 0 10px}
    .report__list{padding-left:25px}
    .report__list--roman{list-style-type:lower-roman;padding-left:40px}
    .report__fact{margin-bottom:10px}
    .report__fact dt{font-weight:700}
    .report__fact dd{margin:0}
    h3.report__heading{font-size:1.1875rem}
    .chart{margin:0 0 30px;max-width:32rem}
    .chart__svg{width:100%;height:auto;display:block}
    .chart__frame{fill:#fff;stroke:var(--text);stroke-width:2}
    .chart__middle{stroke:var(--secondary);stroke-width:1.5;stroke-dasharray:6 4}
    .chart__dot{fill:var(--accent);stroke:#fff;stroke-width:1}
    .chart__number{fill:#fff;font-size:9px;font-weight:700;text-anchor:middle}
    .chart__quadrant{fill:var(--text);font-size:11px;font-weight:700}
    .chart__axis{fill:var(--text);font-size:12px}
    .chart__caption{font-size:1rem;color:var(--secondary);margin-top:5px}
    .report__quote{border-left:5px solid var(--border);margin:0 0 20px;padding-left:15px}
    """
}
