import Fluent
import Vapor

/// Responding organisations and their people: registration with a confirmed email address, the
/// organisation's own page, inviting colleagues, and resetting a forgotten password.
struct SuppliersFeature: Feature {
    static let orgAdministrator = Permission.roles(.supplierUser).and("an administrator of their organisation") { req in
        req.user?.isOrganisationAdministrator == true ? .allowed : .forbidden("Only your organisation's administrators can do this.")
    }
    static let member = Permission.roles(.supplierUser).and("a member of an organisation") { req in
        req.user?.organisationID != nil ? .allowed : .forbidden("Your account does not belong to an organisation.")
    }

    var endpoints: [Endpoint] {
        let r = RegistrationController(), o = SupplierOrganisationController()
        return [
            .get(.register, .anyone, r.new),
            .post(.register, .anyone, r.create),
            .get(.confirmEmail(.key), .anyone, r.confirmPage),
            .post(.confirmEmail(.key), .anyone, r.confirm),
            .get(.confirmEmailAgain, .anyone, r.againPage),
            .post(.confirmEmailAgain, .anyone, r.again),
            .get(.signInLink, .anyone, r.signInLinkRequestPage),
            .post(.signInLink, .anyone, r.signInLinkRequest),
            .get(.signInLinkToken(.key), .anyone, r.signInLinkPage),
            .post(.signInLinkToken(.key), .anyone, r.signInWithLink),
            .get(.passwordReset, .anyone, r.resetRequestPage),
            .post(.passwordReset, .anyone, r.resetRequest),
            .get(.passwordResetToken(.key), .anyone, r.resetPage),
            .post(.passwordResetToken(.key), .anyone, r.reset),
            .get(.invitation(.key), .anyone, r.invitationPage),
            .post(.invitation(.key), .anyone, r.acceptInvitation),
            .get(.supplierOrganisation, Self.member, o.show),
            .get(.supplierOrganisationDetails, Self.orgAdministrator, o.details),
            .post(.supplierOrganisationDetails, Self.orgAdministrator, o.saveDetails),
            .get(.inviteColleague, Self.orgAdministrator, o.inviteForm),
            .post(.inviteColleague, Self.orgAdministrator, o.invite),
        ]
    }
}

extension SiteURL {
    static let register = SiteURL("register")
    static func confirmEmail(_ token: Parameter<String>) -> SiteURL { SiteURL("confirm-email", .text(token, "token")) }
    static let confirmEmailAgain = SiteURL("confirm-email")
    static let passwordReset = SiteURL("password-reset")
    static let signInLink = SiteURL("sign-in", "link")
    static func signInLinkToken(_ token: Parameter<String>) -> SiteURL { SiteURL("sign-in", "link", .text(token, "token")) }
    static func passwordResetToken(_ token: Parameter<String>) -> SiteURL { SiteURL("password-reset", .text(token, "token")) }
    static func invitation(_ token: Parameter<String>) -> SiteURL { SiteURL("invitations", .text(token, "token")) }
    static let supplierOrganisation = SiteURL("organisation")
    static let supplierOrganisationDetails = SiteURL("organisation", "details")
    static let inviteColleague = SiteURL("organisation", "invite")
}
