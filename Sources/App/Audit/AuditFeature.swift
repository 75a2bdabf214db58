import Vapor

/// The hash-chained audit trail: its page for administrators.
struct AuditFeature: Feature {
    var endpoints: [Endpoint] {
        [.get(.audit, .administrator, AuditController().list)]
    }
}

extension SiteURL {
    static let audit = SiteURL("admin", "audit")
}
