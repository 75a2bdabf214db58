import Fluent
import SQLKit
import Vapor

/// What every page shows of the council's settings.
struct CouncilTheme: Sendable {
    var name: String
    var headerColour: String
    var accentColour: String

    static let fallback = CouncilTheme(name: Council.fallback.name, headerColour: Council.fallback.headerColour, accentColour: Council.fallback.accentColour)
}

/// One page of the site, before the shared frame (header, navigation, footer) goes round it.
struct Page {
    var title: String
    var breadcrumbs: [(String, SiteURL)] = []
    var body: HTML
    var status: HTTPResponseStatus = .ok
    /// Puts "Error: " before the title, as GOV.UK asks, so screen readers hear it first.
    var hasErrors = false
}

enum Flash {
    static let cookie = "partnering_flash"
}

extension Request {
    /// Redirects after a successful post (303, so a reload does not post again), carrying a
    /// one-time message for the next page.
    func redirect(to url: SiteURL, flash: String) -> Response {
        let response = redirect(to: url)
        let encoded = flash.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        response.cookies[Flash.cookie] = HTTPCookies.Value(
            string: encoded, maxAge: 60, path: "/", isSecure: application.settings.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// The council's name and colours, read on every page: one narrow query, shared by the
    /// requests waiting for it at the same time (`SharedRead`).
    /// A failed read is an error, not the default theme: a page or a stylesheet made with the
    /// default colours would be cached as if they were the council's.
    func council() async throws -> CouncilTheme {
        try await application.councilTheme.value(on: sql)
    }


    func render(_ page: Page, council known: CouncilTheme? = nil) async throws -> Response {
        let council = if let known { known } else { try await council() }
        let flash = cookies[Flash.cookie]?.string.removingPercentEncoding
        let html = Layout.frame(page, council: council, user: user, csrf: user == nil ? nil : csrfToken,
                                flash: flash, path: url.path)
        let response = Response(status: page.status, headers: ["Content-Type": "text/html; charset=utf-8"],
                                body: .init(string: html.rendered))
        if flash != nil { response.cookies[Flash.cookie] = .expired }
        return response
    }
}

extension CouncilTheme {
    static func read(_ sql: any SQLDatabase) async throws -> CouncilTheme {
        guard let row = try await sql.raw("SELECT name, header_colour, accent_colour FROM council LIMIT 1").first()
        else { return .fallback }
        return try CouncilTheme(name: row.decode(column: "name"), headerColour: row.decode(column: "header_colour"),
                                accentColour: row.decode(column: "accent_colour"))
    }
}

extension Application {
    private struct CouncilThemeKey: StorageKey { typealias Value = SharedRead<CouncilTheme> }

    /// Set up in `configure`, before the server answers, so never made twice.
    var councilTheme: SharedRead<CouncilTheme> {
        get { configured(CouncilThemeKey.self) }
        set { storage[CouncilThemeKey.self] = newValue }
    }
}

enum Layout {
    static func navigation(for user: User?, path: String) -> [(String, SiteURL)] {
        var items: [(String, SiteURL)] = [("Services", .services), ("Notices", .notices), ("Reports", .reports)]
        switch user?.role {
        case .officer?:
            items += [("Manage", .manage), ("Exercises", .exercises), ("Objectives", .objectives), ("Pledges", .pledges), ("API tokens", .apiTokens)]
        case .supplierUser?:
            items += [("Your organisation", .supplierOrganisation)]
        case .evaluator?, .moderator?:
            items += [("Evaluation", .evaluate)]
        case .administrator?:
            items += [("Users", .users), ("Audit trail", .audit), ("Bank holidays", .bankHolidays), ("Outbox", .outbox), ("Settings", .settings)]
        default:
            break
        }
        return items
    }

    static func frame(_ page: Page, council: CouncilTheme, user: User?, csrf: String?, flash: String?, path: String) -> HTML {
        let account: HTML
        if let user, let csrf {
            account = """
            <div class="header__account">
              <span class="header__user">\(user.name) <span class="header__role">(\(user.role.label))</span></span>
              <form method="post" action="\(SiteURL.signOut.path)" class="inline-form">
                \(Component.csrf(csrf))<button type="submit" class="header__button">Sign out</button>
              </form>
            </div>
            """
        } else {
            account = "<div class=\"header__account\"><a class=\"header__link\" href=\"\(SiteURL.signIn.path)\">Sign in</a></div>"
        }
        let nav = navigation(for: user, path: path).map { item -> HTML in
            let current = path == item.1.path || (item.1.path != "/" && path.hasPrefix(item.1.path + "/"))
            return "<li class=\"service-nav__item\"><a class=\"service-nav__link\" href=\"\(item.1.path)\"\(current ? " aria-current=\"page\"" : "" as HTML)>\(item.0)</a></li>"
        }
        let crumbs: HTML = page.breadcrumbs.isEmpty ? .empty : """
            <nav class="breadcrumbs" aria-label="Breadcrumb">
              <ol class="breadcrumbs__list">\(page.breadcrumbs.map { "<li class=\"breadcrumbs__item\"><a class=\"breadcrumbs__link\" href=\"\($0.1.path)\">\($0.0)</a></li>" as HTML })</ol>
            </nav>
            """
        let banner: HTML = flash.map {
            """
            <div class="notification-banner notification-banner--success" role="alert" aria-labelledby="notification-title">
              <div class="notification-banner__header"><h2 class="notification-banner__title" id="notification-title">Success</h2></div>
              <div class="notification-banner__content"><p class="notification-banner__heading">\($0)</p></div>
            </div>
            """
        } ?? .empty
        let themeVersion = String(Secrets.sha256(council.headerColour + council.accentColour).prefix(8))
        return """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>\(page.hasErrors ? "Error: " : "")\(page.title) – \(council.name) Partnering</title>
          <link rel="stylesheet" href="\(SiteURL.stylesheet.path)?v=\(Stylesheet.version)">
          <link rel="stylesheet" href="\(SiteURL.theme.path)?v=\(themeVersion)">
        </head>
        <body>
          <a href="#main-content" class="skip-link">Skip to main content</a>
          <header class="header">
            <div class="width-container header__container">
              <a href="\(SiteURL.home.path)" class="header__home">\(council.name) <span class="header__service">Partnering</span></a>
              \(account)
            </div>
          </header>
          <nav class="service-nav" aria-label="Menu">
            <ul class="width-container service-nav__list">\(nav)</ul>
          </nav>
          <div class="width-container">
            \(crumbs)
            <main class="main-wrapper" id="main-content">
              \(banner)
              \(page.body)
            </main>
          </div>
          <footer class="footer">
            <div class="width-container">
              <p class="footer__text">\(council.name) strategic partnering programme. Times are shown in UK time (Europe/London) with their offset from UTC.</p>
              <p class="footer__text"><a class="footer__link" href="\(SiteURL.openAPI.path)">API description (OpenAPI)</a></p>
            </div>
          </footer>
        </body>
        </html>
        """
    }
}
