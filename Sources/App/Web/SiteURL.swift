import Vapor

/// A route parameter: `.key` when registering the route, `.value(x)` when linking to it.
public enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// A path of the site. Routes are registered from these and links are made from these, so a link
/// cannot point at a route that does not exist. Each feature declares its own paths, in its own
/// folder, as static members of an extension (`SiteURL.directorates`, `SiteURL.service(.value(slug))`).
public struct SiteURL: Sendable, Hashable {
    public enum Segment: Sendable, Hashable, ExpressibleByStringLiteral {
        case constant(String)
        /// A parameter's name, and its value when linking.
        case parameter(String, String?)

        public init(stringLiteral value: String) { self = .constant(value) }

        /// An id parameter named `name`.
        static func id(_ p: Parameter<UUID>, _ name: String = "id") -> Segment {
            switch p {
            case .key: .parameter(name, nil)
            case .value(let v): .parameter(name, v.lowercasedString)
            }
        }

        static func text(_ p: Parameter<String>, _ name: String) -> Segment {
            switch p {
            case .key: .parameter(name, nil)
            case .value(let v): .parameter(name, v)
            }
        }
    }

    let segments: [Segment]

    init(_ segments: Segment...) { self.segments = segments }
    init(segments: [Segment]) { self.segments = segments }

    /// The path to link to. Parameters given as `.key` render as `:name`, as in route tables.
    public var path: String {
        var out = ""
        for segment in segments {
            out += "/"
            switch segment {
            case .constant(let c): out += c
            case .parameter(_, let value?): out += Self.encoded(value)
            case .parameter(let name, nil): out += ":" + name
            }
        }
        return out.isEmpty ? "/" : out
    }

    /// A parameter's value as a path segment. Slugs and ids need no escaping, and are passed as
    /// they are (this runs for every link on every page); anything else is percent-encoded.
    static func encoded(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b == 0x2d || b == 0x2e || b == 0x5f || b == 0x7e
        }
        return plain ? value : value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
    }

    /// The path as OpenAPI writes it: `/api/v1/services/{id}`.
    var openAPIPath: String {
        "/" + segments.map { segment -> String in
            switch segment {
            case .constant(let c): c
            case .parameter(let name, _): "{\(name)}"
            }
        }.joined(separator: "/")
    }

    var parameterNames: [String] {
        segments.compactMap { if case .parameter(let name, _) = $0 { name } else { nil } }
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

/// The paths that belong to no feature: the home page, the site's plumbing, the API description.
extension SiteURL {
    static let home = SiteURL()
    static let health = SiteURL("healthz")
    static let stylesheet = SiteURL("assets", "site.css")
    static let theme = SiteURL("assets", "theme.css")
    static let openAPI = SiteURL("api", "openapi.json")
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
