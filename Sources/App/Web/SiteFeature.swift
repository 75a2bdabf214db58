import Vapor

/// What every site has and no feature owns: the health check, the stylesheets, the API description.
struct SiteFeature: Feature {
    var endpoints: [Endpoint] {
        [
            Endpoint(.GET, .health, .anyone, .plain) { _ in "ok" },
            Endpoint(.GET, .stylesheet, .anyone, .plain, Stylesheet.serve),
            Endpoint(.GET, .theme, .anyone, .plain, Stylesheet.theme),
            Endpoint(.GET, .openAPI, .anyone, .plain) { req in
                Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300"],
                         body: .init(string: req.application.openAPIText))
            },
        ]
    }
}
