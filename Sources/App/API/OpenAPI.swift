import Vapor

/// How one API endpoint is described in the OpenAPI document. The path, its parameters, the
/// security and every error status the server's rules can answer are derived from the endpoint
/// itself, so the document cannot drift from the routes: only what a person must write by hand
/// (summary, request and response schemas, links) is written here.
struct APIOperation: Sendable {
    struct Success: Sendable {
        var status: Int
        var description: String
        var schema: JSON
        /// A 201 with a `Location` header naming the new record's own URL.
        var location = false
        /// What the body is: JSON, or a file's bytes (a PDF).
        var contentType = "application/json"
    }

    var id: String
    var summary: String
    var tag: String
    var request: JSON?
    var success: Success
    /// Valid input can still conflict with what is stored (a duplicate name, a missing parent,
    /// publishing an incomplete profile): 409.
    var conflicts = false
    /// OpenAPI links from the success response to other operations, for clients and for
    /// schemathesis's stateful phase: `("GetDirectorate", "getDirectorate")` passes the body's id.
    var links: [(name: String, operationID: String)] = []
    /// Request headers the operation reads: name, description, schema. Each is required.
    var headers: [(name: String, description: String, schema: JSON)] = []
    /// Query parameters the operation reads, likewise. Each is required.
    var query: [(name: String, description: String, schema: JSON)] = []
    /// A body that is a file's bytes (`application/octet-stream`, streamed to the file store,
    /// up to `limit` bytes) rather than JSON.
    var fileBody: (description: String, limit: String)?

    init(_ id: String, _ summary: String, tag: String, request: JSON? = nil, success: Success,
         conflicts: Bool = false, links: [(name: String, operationID: String)] = [],
         headers: [(name: String, description: String, schema: JSON)] = [],
         query: [(name: String, description: String, schema: JSON)] = [],
         fileBody: (description: String, limit: String)? = nil) {
        self.headers = headers
        self.query = query
        self.fileBody = fileBody
        self.id = id
        self.summary = summary
        self.tag = tag
        self.request = request
        self.success = success
        self.conflicts = conflicts
        self.links = links
    }

}

extension APIOperation.Success {
    static func ok(_ schema: JSON, _ description: String = "OK") -> Self {
        Self(status: 200, description: description, schema: schema)
    }

    /// A file's bytes, such as an issued report's PDF.
    static func file(_ contentType: String, _ description: String) -> Self {
        Self(status: 200, description: description, schema: ["type": "string", "contentMediaType": .string(contentType)], contentType: contentType)
    }

    static func created(_ schema: JSON) -> Self {
        Self(status: 201, description: "Created. `Location` is the new record's URL.", schema: schema, location: true)
    }
}

/// Schema helpers for the parts of the document.
enum Schema {
    static func ref(_ name: String) -> JSON { ["$ref": .string("#/components/schemas/\(name)")] }
    static func array(of name: String) -> JSON { ["type": "array", "items": ref(name)] }

    /// The body of a request that makes or changes a record, from the same `FieldRule`s the
    /// server reads it with. Making a record requires the required fields; a change requires none.
    /// A field no rule reads is refused (`additionalProperties: false`).
    /// A request body made of these fields. Making a record needs its required fields; changing
    /// a `Versioned` record needs only the `version` it was read at, and the fields to change.
    static func input(_ fields: [FieldRule], creating: Bool, versioned: Bool = false, description: String? = nil, extra: [(String, JSON)] = []) -> JSON {
        let fields = versioned && !creating ? fields + [AuditedWrite.version] : fields
        var schema: JSON = [
            "type": "object",
            "properties": .object(fields.map { ($0.name, $0.schema) }),
            "additionalProperties": false,
        ]
        let required = fields.filter { creating ? $0.required : $0.name == AuditedWrite.version.name }.map { JSON.string($0.name) }
        if !required.isEmpty { schema = schema.merging(["required": .array(required)]) }
        if let description { schema = schema.merging(["description": .string(description)]) }
        for pair in extra { schema = schema.merging(.object([pair])) }
        return schema
    }

    /// A record as the API sends it: every property listed is always present.
    static func record(_ properties: [(String, JSON)], optional: Set<String> = []) -> JSON {
        [
            "type": "object",
            "required": .array(properties.map(\.0).filter { !optional.contains($0) }.map(JSON.string)),
            "properties": .object(properties),
        ]
    }

    static let uuid: JSON = ["type": "string", "format": "uuid"]
    static let string: JSON = ["type": "string"]
    static let integer: JSON = ["type": "integer"]
    static let number: JSON = ["type": "number"]
    static let dateTime: JSON = ["type": "string", "format": "date-time"]
}

/// The OpenAPI 3.1 document served at `/api/openapi.json`, assembled at start-up from every
/// feature's endpoints and schemas.
enum OpenAPIDocument {
    static let problem = Schema.record([
        ("type", Schema.string), ("title", Schema.string), ("status", Schema.integer),
        ("detail", Schema.string),
        ("requestId", ["type": "string", "description": "Quote it when reporting a server error."] as JSON),
        ("errors", [
            "type": "array",
            "description": "One entry for each field that is wrong, named as in the request body.",
            "items": Schema.record([("field", Schema.string), ("message", Schema.string)]),
        ] as JSON),
    ], optional: ["detail", "errors", "requestId"])

    static let description = """
        The data of a council's strategic partnering programme. Reading is open to anyone (drafts \
        only with an officer's token); changing needs an officer's API token, made on the API tokens \
        page and sent as `Authorization: Bearer <token>`. A token that is sent but is not valid is \
        refused with 401, even where no token is needed.

        Requests are read strictly: a field must have the JSON type its schema gives (no string \
        is read as a number, no number as a string), text may not contain control characters or \
        Unicode noncharacters (see each field's `pattern`), and a field the schema does not list \
        is refused, never ignored. A request that breaks its schema gets 422; one that is valid \
        but conflicts with what is stored (a duplicate name, a missing parent record, publishing \
        an incomplete profile) gets 409. Every error is an RFC 9457 problem document \
        (`application/problem+json`) whose `errors` name each field that is wrong. A method a \
        path does not support gets 405 with an `Allow` header.
        """

    static func build(_ features: [any Feature]) -> JSON {
        var paths: [(String, JSON)] = []
        for endpoint in features.flatMap(\.endpoints) {
            guard let op = endpoint.operation else { continue }
            let entry: JSON = .object([(endpoint.method.rawValue.lowercased(), operation(op, endpoint))])
            if let i = paths.firstIndex(where: { $0.0 == endpoint.url.openAPIPath }) {
                paths[i].1 = paths[i].1.merging(entry)
            } else {
                paths.append((endpoint.url.openAPIPath, entry))
            }
        }
        let schemas: [(String, JSON)] = [("Problem", problem)] + features.flatMap(\.schemas)
        return [
            "openapi": "3.1.0",
            "info": ["title": "Partnering API", "version": "1.1.0", "description": .string(description)],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer", "description": "An API token (`pt_…`) made on the API tokens page."]],
                "schemas": .object(schemas),
            ],
        ]
    }

    private static func problemResponse(_ description: String) -> JSON {
        ["description": .string(description), "content": ["application/problem+json": ["schema": Schema.ref("Problem")]]]
    }

    private static func operation(_ op: APIOperation, _ endpoint: Endpoint) -> JSON {
        var success: JSON = ["description": .string(op.success.description), "content": .object([(op.success.contentType, ["schema": op.success.schema] as JSON)])]
        if op.success.location {
            success = success.merging(["headers": ["Location": ["description": "The new record's URL.", "required": true, "schema": ["type": "string"]]]])
        }
        if !op.links.isEmpty {
            success = success.merging(["links": .object(op.links.map { link in
                (link.name, ["operationId": .string(link.operationID), "parameters": ["id": "$response.body#/id"]] as JSON)
            })])
        }
        var responses: [(String, JSON)] = [(String(op.success.status), success)]
        let hasBody = op.request != nil || op.fileBody != nil
        if op.request != nil { responses.append(("400", problemResponse("The body is not a JSON object."))) }
        let restricted = endpoint.permission.roles != nil
        responses.append(("401", problemResponse(restricted ? "No API token was sent, or it is not valid or has been revoked." : "An API token was sent but is not valid or has been revoked.")))
        if restricted { responses.append(("403", problemResponse("The token's user may not do this: it needs \(endpoint.permission.summary)."))) }
        if !endpoint.url.parameterNames.isEmpty { responses.append(("404", problemResponse("No record has that id (or it is a draft the caller may not see)."))) }
        if op.conflicts { responses.append(("409", problemResponse("Valid, but conflicts with what is stored: a duplicate name, a missing parent record, or a `version` that is no longer the latest (someone else changed the record since it was read); `errors` says which field."))) }
        if !hasBody && !(op.headers.isEmpty && op.query.isEmpty) {
            responses.append(("422", problemResponse("A parameter breaks its schema; `errors` names it.")))
        }
        if let file = op.fileBody {
            responses.append(("413", problemResponse("The file is larger than \(file.limit).")))
            responses.append(("415", problemResponse("The file's content is not what its name says it is (or there is none); `detail` says why.")))
            responses.append(("422", problemResponse("The file's name breaks its schema; `errors` names it.")))
        } else if hasBody {
            responses.append(("413", problemResponse("The body is larger than the server accepts (1 MB).")))
            responses.append(("422", problemResponse("The body breaks its schema; `errors` names each field.")))
        }
        var json: JSON = [
            "operationId": .string(op.id),
            "summary": .string(op.summary),
            "tags": [.string(op.tag)],
            "security": restricted ? [["bearerAuth": []]] : [[:], ["bearerAuth": []]],
        ]
        let parameters = endpoint.url.parameterNames.map { name -> JSON in
            ["name": .string(name), "in": "path", "required": true, "schema": Schema.uuid]
        } + op.headers.map { h -> JSON in
            ["name": .string(h.name), "in": "header", "required": true, "description": .string(h.description), "schema": h.schema]
        } + op.query.map { q -> JSON in
            ["name": .string(q.name), "in": "query", "required": true, "description": .string(q.description), "schema": q.schema]
        }
        if !parameters.isEmpty { json = json.merging(["parameters": .array(parameters)]) }
        if let request = op.request {
            json = json.merging(["requestBody": ["required": true, "content": ["application/json": ["schema": request]]]])
        } else if let file = op.fileBody {
            json = json.merging(["requestBody": ["required": true, "description": .string(file.description),
                                                 "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]]])
        }
        return json.merging(["responses": .object(responses)])
    }

    static func encoded(_ document: JSON) -> String {
        let encoder = JSONEncoder()
        // Sorted, so the document is byte-for-byte the same at every start (diffs, caches, replays).
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension Application {
    private struct OpenAPIKey: StorageKey { typealias Value = String }

    /// The document as served, made once at start-up.
    var openAPIText: String {
        get { storage[OpenAPIKey.self] ?? "{}" }
        set { storage[OpenAPIKey.self] = newValue }
    }
}
