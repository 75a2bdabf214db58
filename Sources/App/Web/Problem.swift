import Vapor

/// An RFC 9457 problem document, the body of every API error.
struct Problem: Content {
    struct FieldError: Content {
        var field: String
        var message: String
    }

    var type: String
    var title: String
    var status: Int
    var detail: String?
    /// For a server error: the id under which its detail was logged.
    var requestId: String?
    var errors: [FieldError]?

    static let contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
}

/// Bad input found in a request: a page shows the messages beside the fields, the API sends them
/// as a problem document's `errors`.
struct ValidationFailure: Error, AbortError {
    var errors: FormErrors
    /// 422 when the input breaks the rules; 409 when it is valid but conflicts with what is stored.
    var status: HTTPResponseStatus { errors.onlyConflicts ? .conflict : .unprocessableEntity }
    var reason: String { errors.onlyConflicts ? "This conflicts with what is already stored." : "Some fields are not valid." }
}

extension HTTPResponseStatus {
    /// The heading of the HTML page for this status.
    var pageTitle: String {
        switch code {
        case 400: "The request could not be understood"
        case 401: "You need to sign in"
        case 403: "You cannot do this"
        case 404: "Page not found"
        case 405: "That cannot be done to this page"
        case 413: "What you sent is too large"
        case 422: "Some of what you sent is not valid"
        case 429: "Too many attempts"
        case 500...: "Sorry, there is a problem with the service"
        default: reasonPhrase
        }
    }
}
