import Vapor

/// A route parameter: `.key` when registering the route, `.value(x)` when linking to it.
public enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every page and form target of the site. Routes are registered from these and links are made
/// from these, so a link cannot point at a route that does not exist.
public enum SiteURL: Sendable {
    case home
    case services
    case service(Parameter<String>)
    case signIn
    case signOut
    case health
    case stylesheet
    case theme

    case manage
    case directorates
    case newDirectorate
    case directorate(Parameter<UUID>)
    case newDivision
    case division(Parameter<UUID>)
    case manageServices
    case newService
    case manageService(Parameter<UUID>)
    case serviceProfile(Parameter<UUID>)
    case publishProfile(Parameter<UUID>)
    case unpublishProfile(Parameter<UUID>)
    case pledges
    case newPledge
    case pledge(Parameter<UUID>)
    case objectives
    case objective(Parameter<UUID>)
    case weights
    case apiTokens
    case revokeAPIToken(Parameter<UUID>)

    case users
    case newUser
    case user(Parameter<UUID>)
    case audit
    case settings

    case openAPI

    private enum Segment {
        case constant(String)
        case parameter(String, String?)
    }

    private var segments: [Segment] {
        func id(_ name: String, _ p: Parameter<UUID>) -> Segment {
            switch p {
            case .key: .parameter(name, nil)
            case .value(let v): .parameter(name, v.uuidString.lowercased())
            }
        }
        switch self {
        case .home: return []
        case .services: return [.constant("services")]
        case .service(let slug):
            switch slug {
            case .key: return [.constant("services"), .parameter("slug", nil)]
            case .value(let v): return [.constant("services"), .parameter("slug", v)]
            }
        case .signIn: return [.constant("sign-in")]
        case .signOut: return [.constant("sign-out")]
        case .health: return [.constant("healthz")]
        case .stylesheet: return [.constant("assets"), .constant("site.css")]
        case .theme: return [.constant("assets"), .constant("theme.css")]

        case .manage: return [.constant("manage")]
        case .directorates: return [.constant("manage"), .constant("directorates")]
        case .newDirectorate: return [.constant("manage"), .constant("directorates"), .constant("new")]
        case .directorate(let p): return [.constant("manage"), .constant("directorates"), id("id", p)]
        case .newDivision: return [.constant("manage"), .constant("divisions"), .constant("new")]
        case .division(let p): return [.constant("manage"), .constant("divisions"), id("id", p)]
        case .manageServices: return [.constant("manage"), .constant("services")]
        case .newService: return [.constant("manage"), .constant("services"), .constant("new")]
        case .manageService(let p): return [.constant("manage"), .constant("services"), id("id", p)]
        case .serviceProfile(let p): return [.constant("manage"), .constant("services"), id("id", p), .constant("profile")]
        case .publishProfile(let p): return [.constant("manage"), .constant("services"), id("id", p), .constant("publish")]
        case .unpublishProfile(let p): return [.constant("manage"), .constant("services"), id("id", p), .constant("unpublish")]
        case .pledges: return [.constant("manage"), .constant("pledges")]
        case .newPledge: return [.constant("manage"), .constant("pledges"), .constant("new")]
        case .pledge(let p): return [.constant("manage"), .constant("pledges"), id("id", p)]
        case .objectives: return [.constant("manage"), .constant("objectives")]
        case .objective(let p): return [.constant("manage"), .constant("objectives"), id("id", p)]
        case .weights: return [.constant("manage"), .constant("weights")]
        case .apiTokens: return [.constant("manage"), .constant("api-tokens")]
        case .revokeAPIToken(let p): return [.constant("manage"), .constant("api-tokens"), id("id", p), .constant("revoke")]

        case .users: return [.constant("admin"), .constant("users")]
        case .newUser: return [.constant("admin"), .constant("users"), .constant("new")]
        case .user(let p): return [.constant("admin"), .constant("users"), id("id", p)]
        case .audit: return [.constant("admin"), .constant("audit")]
        case .settings: return [.constant("admin"), .constant("settings")]

        case .openAPI: return [.constant("api"), .constant("openapi.json")]
        }
    }

    /// The path to link to. Parameters given as `.key` render as their name, which is only
    /// useful in route tables.
    public var path: String {
        "/" + segments.map { segment -> String in
            switch segment {
            case .constant(let c): c
            case .parameter(let name, let value):
                value?.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ":" + name
            }
        }.joined(separator: "/")
    }

    public var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let c): .constant(c)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        self.get(url.pathComponents, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        self.post(url.pathComponents, use: closure)
    }
}

extension Request {
    /// A UUID route parameter; an unknown or malformed id is a 404, never a 500.
    func uuid(_ name: String = "id") throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            throw Abort(.notFound)
        }
        return id
    }

    func redirect(to url: SiteURL) -> Response {
        redirect(to: url.path, redirectType: .normal)
    }
}
