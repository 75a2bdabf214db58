import Vapor

/// The OpenAPI 3.1 description of `/api/v1`, kept as the JSON text in `openapi.json` beside this
/// file. A test checks that its paths and methods are exactly the routes the server registers.
enum OpenAPIDocument {
    static let json: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("openapi.json is missing from the App bundle")
        }
        return text
    }()

    static func serve(_ req: Request) -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300"],
                 body: .init(string: json))
    }
}
