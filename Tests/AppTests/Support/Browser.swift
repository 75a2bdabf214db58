@testable import App
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

/// A person at a browser: keeps cookies between requests and sends back the CSRF token of the
/// last page it saw, as a real form would.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf: String?
    /// The hidden version fields of the last page's forms, sent back as a browser would.
    private(set) var versions: [String: String] = [:]

    /// Through a real HTTP server on a free port (each request starts and stops it), rather than
    /// in memory: for what only a real connection shows, such as a body that streams.
    var live = false

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form; `_csrf` is added from the last page unless the form sets it.
    @discardableResult
    func post(_ path: String, _ form: [String: String] = [:], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if csrf, fields["_csrf"] == nil, let token = self.csrf { fields["_csrf"] = token }
        for (name, value) in versions where fields[name] == nil { fields[name] = value }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// Posts a form as `multipart/form-data`, as a browser sends one with a file input: `_csrf`
    /// first (unless `csrf` is false), then the fields, then the files.
    @discardableResult
    func postMultipart(_ path: String, _ form: [String: String] = [:], files: [(field: String, filename: String, bytes: [UInt8])] = [],
                       csrf: Bool = true) async throws -> TestingHTTPResponse {
        let boundary = "----PartneringTestBoundary\(UInt32.random(in: 0 ... .max))"
        var fields = form
        for (name, value) in versions where fields[name] == nil { fields[name] = value }
        var ordered = fields.sorted { $0.key < $1.key }
        if csrf, let token = self.csrf, form["_csrf"] == nil { ordered.insert(("_csrf", token), at: 0) }
        var body = ByteBuffer()
        for (name, value) in ordered {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for f in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(f.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await send(.POST, path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing(method: live ? .running(hostname: "127.0.0.1", port: 0) : .inMemory).sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]), value = String(pair[1])
            if header.lowercased().contains("max-age=0") || header.contains("1970") || value.isEmpty { cookies[name] = nil }
            else { cookies[name] = value }
        }
        if let match = response.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/) { csrf = String(match.1) }
        if response.headers.contentType?.subType == "html" {
            versions = Dictionary(response.body.string.matches(of: /type="hidden" name="(version[-0-9]*)" value="([0-9]+)"/).map { (String($0.1), String($0.2)) }) { a, _ in a }
        }
        return response
    }

    /// Signs in with the demo password and checks it worked.
    func signIn(_ email: String, password: String = TestDatabase.demoPassword) async throws {
        try await get("/sign-in")
        let response = try await post("/sign-in", ["email": email, "password": password])
        #expect(response.status == .seeOther, "sign-in as \(email) failed: \(response.body.string.prefix(300))")
        // Pick up the signed-in session's CSRF token.
        try await get("/services")
    }

    func signIn(as role: Role) async throws {
        try await signIn(Self.email(for: role))
    }

    static func email(for role: Role) -> String {
        SalfordDemo.users.first { $0.role == role }!.email
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
    var text: String { body.string }
}
