import Vapor

/// The organisation model: council settings, directorates, service areas, services and their
/// public profiles, pledges, objectives and weights. Its pages, its API and who may use each.
struct OrganisationFeature: Feature {
    var endpoints: [Endpoint] {
        PublicController().endpoints
            + ManageOrganisationController().endpoints
            + ObjectivesController().endpoints
            + SettingsController().endpoints
            + OrganisationAPI().endpoints
    }

    var schemas: [(String, JSON)] { OrganisationAPI.schemas }
}

extension SiteURL {
    // Public pages
    static let services = SiteURL("services")
    static func service(_ slug: Parameter<String>) -> SiteURL { SiteURL("services", .text(slug, "slug")) }

    // The officer's pages
    static let manage = SiteURL("manage")
    static let directorates = SiteURL("manage", "directorates")
    static let newDirectorate = SiteURL("manage", "directorates", "new")
    static func directorate(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "directorates", .id(p)) }
    static let newDivision = SiteURL("manage", "divisions", "new")
    static func division(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "divisions", .id(p)) }
    static let manageServices = SiteURL("manage", "services")
    static let newService = SiteURL("manage", "services", "new")
    static func manageService(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "services", .id(p)) }
    static func serviceProfile(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "services", .id(p), "profile") }
    static func publishProfile(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "services", .id(p), "publish") }
    static func unpublishProfile(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "services", .id(p), "unpublish") }
    static let pledges = SiteURL("manage", "pledges")
    static let newPledge = SiteURL("manage", "pledges", "new")
    static func pledge(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "pledges", .id(p)) }
    static let objectives = SiteURL("manage", "objectives")
    static func objective(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "objectives", .id(p)) }
    static let weights = SiteURL("manage", "weights")

    // The administrator's page
    static let settings = SiteURL("admin", "settings")

    // The API
    static let apiDirectorates = SiteURL("api", "v1", "directorates")
    static func apiDirectorate(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "directorates", .id(p)) }
    static let apiDivisions = SiteURL("api", "v1", "divisions")
    static func apiDivision(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "divisions", .id(p)) }
    static let apiServices = SiteURL("api", "v1", "services")
    static func apiService(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "services", .id(p)) }
    static let apiPledges = SiteURL("api", "v1", "pledges")
    static func apiPledge(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "pledges", .id(p)) }
    static let apiObjectives = SiteURL("api", "v1", "objectives")
    static func apiObjective(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "objectives", .id(p)) }
    static func apiWeightHistory(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "objectives", .id(p), "weight-history") }
}
