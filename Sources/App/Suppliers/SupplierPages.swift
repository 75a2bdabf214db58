import Foundation

/// The pages of registration, links by email, and an organisation's own page.
enum SupplierPages {
    static func checkbox(_ name: String, _ label: String, checked: Bool, hint: String? = nil) -> HTML {
        """
        <div class="checkbox">
          <input type="checkbox" id="\(name)" name="\(name)" value="yes"\("checked", when: checked)\(hint == nil ? .empty : " aria-describedby=\"\(name)-hint\"" as HTML)>
          <label for="\(name)">\(label)\(hint.map { "<span id=\"\(name)-hint\" class=\"hint\"> \($0)</span>" as HTML })</label>
        </div>
        """
    }

    static func organisationFields(_ f: FormState) -> HTML {
        let i = f.input, e = f.errors
        return """
        \(Component.input("organisationName", label: "Organisation name", value: i["organisationName"], error: e["organisationName"], autocomplete: "organization"))
        \(Component.input("companiesNumber", label: "Companies House number (optional)", value: i["companiesNumber"], error: e["companiesNumber"], hint: "8 characters, like 04123456 or SC123456. Leave it empty if the organisation is not a company.", width: "10"))
        \(Component.input("ppon", label: "PPON (optional)", value: i["ppon"], error: e["ppon"], hint: "Your Public Procurement Organisation Number from the Central Digital Platform, like PABC-1234-DEFG.", width: "10"))
        <fieldset class="fieldset">
          <legend class="fieldset__legend">About the organisation</legend>
          \(checkbox("sme", "A small or medium-sized enterprise (SME)", checked: !i["sme"].isEmpty, hint: "Fewer than 250 staff, and a turnover of £44 million or less or a balance sheet of £38 million or less."))
          \(checkbox("vcse", "A voluntary, community or social enterprise (VCSE)", checked: !i["vcse"].isEmpty))
        </fieldset>
        \(Component.textarea("address", label: "Address", value: i["address"], error: e["address"], rows: 4))
        """
    }

    static func register(_ f: FormState) -> Page {
        f.page("Register your organisation", breadcrumbs: [("Notices", .notices)], action: .register, intro: """
            <p class="body">Register to respond to the council’s market engagement notices. You will be your organisation’s first administrator: you can invite colleagues once you are in.</p>
            """, fields: """
            <h2 class="heading-m">Your organisation</h2>
            \(organisationFields(f))
            <h2 class="heading-m">You</h2>
            \(Component.input("name", label: "Your name", value: f.input["name"], error: f.errors["name"], width: "20", autocomplete: "name"))
            \(Component.input("email", label: "Email address", value: f.input["email"], error: f.errors["email"], hint: "We will send a link to it: follow the link to confirm it is yours.", type: "email", width: "20", autocomplete: "email"))
            \(Component.input("password", label: "Password", value: "", error: f.errors["password"], hint: "At least \(UsersController.minimumPasswordLength) characters.", type: "password", width: "20", autocomplete: "new-password"))
            """, button: "Register")
    }

    static func confirm(email: String, action: SiteURL, csrf: String) -> Page {
        Page(title: "Confirm your email address", body: """
            <h1 class="heading-l">Confirm your email address</h1>
            <p class="body">Confirm that <strong>\(email)</strong> is your email address. Then you can sign in.</p>
            <form method="post" action="\(action.path)" novalidate>
              \(Component.csrf(csrf))
              \(Component.button("Confirm my email address"))
            </form>
            """)
    }

    static func signInWithLink(email: String, action: SiteURL, csrf: String) -> Page {
        Page(title: "Sign in with this link", body: """
            <h1 class="heading-l">Sign in</h1>
            <p class="body">Sign in as <strong>\(email)</strong>. The link works once.</p>
            <form method="post" action="\(action.path)" novalidate>
              \(Component.csrf(csrf))
              \(Component.button("Sign in"))
            </form>
            """)
    }

    static func linkNotValid(_ purpose: OneTimeToken.Purpose) -> Page {
        let what: HTML = switch purpose {
        case .confirmEmail: "<a class=\"link\" href=\"\(SiteURL.confirmEmailAgain.path)\">Ask for a new confirmation link</a>."
        case .resetPassword: "<a class=\"link\" href=\"\(SiteURL.passwordReset.path)\">Ask for a new link to reset your password</a>."
        case .invitation: "Ask your organisation’s administrator to invite you again."
        case .signIn: "<a class=\"link\" href=\"\(SiteURL.signInLink.path)\">Ask for a new sign-in link</a>."
        }
        return Page(title: "This link does not work", body: """
            <h1 class="heading-l">This link does not work</h1>
            <p class="body">It has been used already, or it has run out, or it was copied only in part. \(what)</p>
            """, status: .notFound)
    }

    static func emailForm(_ purpose: OneTimeToken.Purpose, _ f: FormState) -> Page {
        let (title, action, intro, button): (String, SiteURL, String, String) = switch purpose {
        case .resetPassword: ("Reset your password", .passwordReset, "Enter the email address you sign in with. We will send a link to choose a new password.", "Send the link")
        case .signIn: ("Sign in with a link", .signInLink, "Enter the email address you sign in with. We will send a link that signs you in once, within 15 minutes, without your password.", "Send the link")
        case .confirmEmail, .invitation: ("Confirm your email address", .confirmEmailAgain, "Enter the email address you registered. We will send a new link to confirm it.", "Send a new link")
        }
        return f.page(title, breadcrumbs: [("Sign in", .signIn)], action: action, intro: "<p class=\"body\">\(intro)</p>", fields: """
            \(Component.input("email", label: "Email address", value: f.input["email"], error: f.errors["email"], type: "email", width: "20", autocomplete: "email"))
            """, button: button)
    }

    static func newPassword(action: SiteURL, invitedTo organisation: String? = nil, _ f: FormState) -> Page {
        let nameField: HTML = organisation == nil ? .empty
            : Component.input("name", label: "Your name", value: f.input["name"], error: f.errors["name"], width: "20", autocomplete: "name")
        return f.page(organisation.map { "Join \($0)" } ?? "Choose a new password", breadcrumbs: [], action: action,
                      intro: organisation == nil ? .empty : "<p class=\"body\">Choose your password to start answering for \(organisation!).</p>", fields: """
            \(nameField)
            \(Component.input("password", label: "New password", value: "", error: f.errors["password"], hint: "At least \(UsersController.minimumPasswordLength) characters.", type: "password", width: "20", autocomplete: "new-password"))
            """, button: "Set my password")
    }

    struct Person: Sendable { var name: String; var email: String; var role: OrganisationRole; var confirmed: Bool; var active: Bool }

    static func organisation(_ o: SupplierOrganisation, people: [Person], canManage: Bool) -> Page {
        let flags = [o.isSME ? "SME" : nil, o.isVCSE ? "VCSE" : nil].compactMap { $0 }
        return Page(title: o.name, body: """
            <span class="caption">Your organisation</span>
            <h1 class="heading-l">\(o.name)</h1>
            \(Component.summaryList([
                .init(key: "Companies House number", value: "\(o.companiesNumber ?? "None given")", action: canManage ? ("Change", .supplierOrganisationDetails, "the organisation’s details") : nil),
                .init(key: "PPON", value: "\(o.ppon ?? "None given")"),
                .init(key: "SME or VCSE", value: "\(flags.isEmpty ? "Neither" : flags.joined(separator: " and "))"),
                .init(key: "Address", value: prose(o.address)),
            ]))
            <h2 class="heading-m">People</h2>
            \(Component.table(caption: "People who answer for \(o.name)", headers: ["Name", "Email address", "Role", "Status"], rows: people.map { p in [
                "\(p.name)", "\(p.email)", "\(p.role.label)",
                !p.active ? Component.tag("Deactivated", "red") : p.confirmed ? Component.tag("Active", "green") : Component.tag("Invited", "grey"),
            ] }))
            \(canManage ? "<p class=\"body\"><a class=\"button\" href=\"\(SiteURL.inviteColleague.path)\">Invite a colleague</a></p>" as HTML : .empty)
            <p class="body"><a class="link" href="\(SiteURL.notices.path)">Market engagement notices</a></p>
            """)
    }

    static func details(_ f: FormState) -> Page {
        f.page("Change your organisation’s details", breadcrumbs: [("Your organisation", .supplierOrganisation)], action: .supplierOrganisationDetails,
               fields: organisationFields(f))
    }

    static func invite(_ f: FormState) -> Page {
        let roles = OrganisationRole.allCases.map { (value: $0.rawValue, text: $0 == .administrator ? "Administrator: submits responses and invites colleagues" : "Contributor: writes answers") }
        return f.page("Invite a colleague", breadcrumbs: [("Your organisation", .supplierOrganisation)], action: .inviteColleague, intro: """
            <p class="body">We will email them a link to choose a password. It works for 7 days.</p>
            """, fields: """
            \(Component.input("name", label: "Their name", value: f.input["name"], error: f.errors["name"], width: "20"))
            \(Component.input("email", label: "Their email address", value: f.input["email"], error: f.errors["email"], type: "email", width: "20"))
            \(Component.select("organisationRole", label: "Role", options: roles, selected: f.input["organisationRole"], error: f.errors["organisationRole"]))
            """, button: "Send the invitation")
    }
}
