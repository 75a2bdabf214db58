import Fluent

/// Every migration, in the order it runs. Add new ones at the end; never reorder or edit a
/// migration that has shipped.
enum Migrations {
    static let all: [any Migration] = [
        CreateIdentity(),
        CreateAudit(),
        CreateOrganisation(),
        CreateSignInThrottle(),
    ]
}
