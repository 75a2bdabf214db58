import Fluent
import Vapor

/// The rules for an organisation's details, read the same by registration and by the
/// organisation's own page.
enum SupplierRules {
    static let name = FieldRule("organisationName", "Organisation name", .line(max: 200))
    static let companiesNumber = FieldRule("companiesNumber", "Companies House number", .line(max: 12), required: false)
    static let ppon = FieldRule("ppon", "PPON", .line(max: 14), required: false)
    static let address = FieldRule("address", "Address", .text(max: 1_000))
    static let personName = FieldRule("name", "Your name", .line(max: 200))
    static let details = [name, companiesNumber, ppon, address]

    struct Details { var name: String; var companiesNumber: String?; var ppon: String?; var sme: Bool; var vcse: Bool; var address: String }

    static func details(_ v: inout Validator) -> Details {
        let name = v.text(name)
        let companies = v.text(companiesNumber).uppercased().replacingOccurrences(of: " ", with: "")
        // Eight digits, or two letters and six digits (SC, NI, OC, …), as Companies House writes them.
        if v.errors[companiesNumber.name] == nil, !companies.isEmpty, companies.wholeMatch(of: /[0-9]{8}|[A-Z]{2}[0-9]{6}/) == nil {
            v.fail(companiesNumber.name, "Enter a Companies House number of 8 characters, like 04123456 or SC123456, or leave it empty")
        }
        let ppon = v.text(ppon).uppercased()
        if v.errors[Self.ppon.name] == nil, !ppon.isEmpty, ppon.wholeMatch(of: /[A-Z]{4}-[0-9]{4}-[A-Z]{4}/) == nil {
            v.fail(Self.ppon.name, "Enter a PPON as the Central Digital Platform gives it, like PABC-1234-DEFG, or leave it empty")
        }
        v.accept("sme")
        v.accept("vcse")
        return Details(name: name, companiesNumber: companies.isEmpty ? nil : companies, ppon: ppon.isEmpty ? nil : ppon,
                       sme: !v.input["sme"].isEmpty, vcse: !v.input["vcse"].isEmpty, address: v.text(address))
    }

    static func apply(_ d: Details, to o: SupplierOrganisation) {
        o.name = d.name
        o.companiesNumber = d.companiesNumber
        o.ppon = d.ppon
        o.isSME = d.sme
        o.isVCSE = d.vcse
        o.address = d.address
    }
}

/// Registering an organisation with its first user, confirming an email address, accepting an
/// invitation, and resetting a forgotten password. Every link is a one-time token; no page says
/// whether an address has an account.
struct RegistrationController {
    // MARK: Registering

    @Sendable func new(req: Request) async throws -> Response {
        try await req.render(SupplierPages.register(FormState(input: FormInput(), csrf: req.csrfToken)))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        var check = Validator(input)
        UsersController.checkPassword(input["password"], required: true, &check)
        // bcrypt before the transaction, never under a lock.
        let hash = check.errors.isEmpty ? try await req.passwords.hash(input["password"], on: req.application) : nil
        let now = req.now, actor = Actor.system("registration"), base = req.application.settings.publicURL
        do {
            let email = try await req.application.auditWriter.transaction { tx -> String in
                var v = Validator(input)
                let details = SupplierRules.details(&v)
                let name = v.text(SupplierRules.personName)
                let email = v.email("email")
                v.accept("password")
                UsersController.checkPassword(input["password"], required: true, &v)
                try await AuditedWrite.lockTable(User.schema, on: tx)
                try v.throwIfInvalid()
                // An address with an account gets the same answer as a new one, and an email
                // saying what happened: the page never says which addresses have accounts.
                if try await User.query(on: tx).filter(\.$email == email).count() > 0 {
                    try await Outbox.enqueue(Emails.alreadyRegistered(to: email, signIn: base + SiteURL.signIn.path, reset: base + SiteURL.passwordReset.path), at: now, on: tx)
                    return email
                }
                let organisation = SupplierOrganisation()
                SupplierRules.apply(details, to: organisation)
                organisation.createdAt = now
                try await organisation.create(on: tx)
                try await AuditTrail.record("supplier-organisation.register", organisation, before: nil, by: actor, at: now, on: tx)
                let user = User(email: email, name: name, role: .supplierUser, passwordHash: hash!)
                user.organisationID = organisation.id
                user.organisationRole = .administrator
                try await user.create(on: tx)
                try await AuditTrail.record("user.register", user, before: nil, by: actor, at: now, on: tx)
                let secret = try await OneTimeToken.issue(.confirmEmail, for: user.id!, at: now, on: tx)
                try await Outbox.enqueue(Emails.confirm(to: email, organisation: details.name, link: base + SiteURL.confirmEmail(.value(secret)).path), at: now, on: tx)
                return email
            }
            return req.redirect(to: .signIn, flash: "We have sent a link to \(email). Follow it to confirm your email address, then sign in.")
        } catch let failure as ValidationFailure {
            return try await req.render(SupplierPages.register(FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        }
    }

    // MARK: Confirming an address

    private func token(_ req: Request) -> String { req.parameters.get("token") ?? "" }

    @Sendable func confirmPage(req: Request) async throws -> Response {
        guard let found = try await OneTimeToken.find(token(req), .confirmEmail, at: req.now, on: req.db) else {
            return try await req.render(SupplierPages.linkNotValid(.confirmEmail))
        }
        let user = try await found.$user.get(on: req.db)
        return try await req.render(SupplierPages.confirm(email: user.email, action: .confirmEmail(.value(token(req))), csrf: req.csrfToken))
    }

    /// A button, not the link itself, confirms: mail scanners that follow links change nothing.
    @Sendable func confirm(req: Request) async throws -> Response {
        let now = req.now, secret = token(req)
        let confirmed = try await req.application.auditWriter.transaction { tx -> Bool in
            guard let found = try await OneTimeToken.find(secret, .confirmEmail, at: now, on: tx), try await found.use(at: now, on: tx),
                  let user = try await User.find(found.$user.id, on: tx) else { return false }
            let before = user.auditFields
            user.emailConfirmedAt = now
            user.version += 1
            try await user.save(on: tx)
            try await AuditTrail.record("user.confirm-email", user, before: before, by: .user(user), at: now, on: tx)
            return true
        }
        guard confirmed else { return try await req.render(SupplierPages.linkNotValid(.confirmEmail)) }
        return req.redirect(to: .signIn, flash: "Your email address is confirmed. Sign in to continue.")
    }

    @Sendable func againPage(req: Request) async throws -> Response {
        try await req.render(SupplierPages.emailForm(.confirmEmail, FormState(input: FormInput(["email": req.query[String.self, at: "email"] ?? ""]), csrf: req.csrfToken)))
    }

    /// Sends the confirmation link again, if the address has an account that needs one.
    @Sendable func again(req: Request) async throws -> Response {
        let base = req.application.settings.publicURL
        return try await sendLink(req, .confirmEmail, to: { !$0.hasConfirmedEmail },
                                  flash: { "If \($0) has an account waiting to be confirmed, we have sent it a new link." }) { user, secret, tx in
            let organisation = try await SupplierOrganisation.find(user.organisationID, on: tx)
            return Emails.confirm(to: user.email, organisation: organisation?.name ?? "your organisation", link: base + SiteURL.confirmEmail(.value(secret)).path)
        }
    }

    /// A form asking for a link by email: the answer is the same whether or not the address has
    /// an account (or one `eligible` for the link), and at most one link goes every two minutes.
    private func sendLink(_ req: Request, _ purpose: OneTimeToken.Purpose, to eligible: @escaping @Sendable (User) -> Bool,
                          flash: (String) -> String,
                          email: @escaping @Sendable (User, String, any Database) async throws -> Email) async throws -> Response {
        let input = FormInput.form(req)
        var v = Validator(input)
        let address = v.email("email")
        guard v.errors.isEmpty else {
            return try await req.render(SupplierPages.emailForm(purpose, FormState(input: input, errors: v.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        }
        let now = req.now
        try await req.application.auditWriter.transaction { tx in
            guard let user = try await User.query(on: tx).filter(\.$email == address).first(), user.isActive, eligible(user),
                  try await Self.recentlySent(purpose, to: user.id!, at: now, on: tx) == false else { return }
            let secret = try await OneTimeToken.issue(purpose, for: user.id!, at: now, on: tx)
            try await Outbox.enqueue(try await email(user, secret, tx), at: now, on: tx)
        }
        return req.redirect(to: .signIn, flash: flash(address))
    }

    static func recentlySent(_ purpose: OneTimeToken.Purpose, to user: UUID, at now: Date, on db: any Database) async throws -> Bool {
        try await OneTimeToken.query(on: db).filter(\.$user.$id == user).filter(\.$purpose == purpose)
            .filter(\.$createdAt > now.addingTimeInterval(-120)).count() > 0
    }

    // MARK: A sign-in link, for someone the throttle has slowed

    @Sendable func signInLinkRequestPage(req: Request) async throws -> Response {
        try await req.render(SupplierPages.emailForm(.signIn, FormState(input: FormInput(["email": req.query[String.self, at: "email"] ?? ""]), csrf: req.csrfToken)))
    }

    /// Only for an account the throttle has slowed in the last hour; the answer is the same either way.
    @Sendable func signInLinkRequest(req: Request) async throws -> Response {
        let base = req.application.settings.publicURL
        var v = Validator(FormInput.form(req))
        let address = v.email("email")
        let slowed = v.errors.isEmpty ? try await SignInThrottle.hasSlowed(email: address, now: req.now, on: req.db) : false
        return try await sendLink(req, .signIn, to: { slowed && $0.hasConfirmedEmail },
                                  flash: { "If \($0) has an account, we have sent it a link that signs you in. It works once, within 15 minutes." }) { user, secret, _ in
            Emails.signIn(to: user.email, link: base + SiteURL.signInLinkToken(.value(secret)).path)
        }
    }

    @Sendable func signInLinkPage(req: Request) async throws -> Response {
        guard let found = try await OneTimeToken.find(token(req), .signIn, at: req.now, on: req.db) else {
            return try await req.render(SupplierPages.linkNotValid(.signIn))
        }
        let user = try await found.$user.get(on: req.db)
        return try await req.render(SupplierPages.signInWithLink(email: user.email, action: .signInLinkToken(.value(token(req))), csrf: req.csrfToken))
    }

    /// The link used up (once, however many press at once), the account's throttle cleared, a session started.
    @Sendable func signInWithLink(req: Request) async throws -> Response {
        let now = req.now, secret = token(req)
        let user = try await req.application.auditWriter.transaction { tx -> User? in
            guard let found = try await OneTimeToken.find(secret, .signIn, at: now, on: tx), try await found.use(at: now, on: tx),
                  let user = try await User.find(found.$user.id, on: tx), user.isActive, user.hasConfirmedEmail else { return nil }
            return user
        }
        guard let user else { return try await req.render(SupplierPages.linkNotValid(.signIn)) }
        try await SignInThrottle(email: user.email, source: req.clientAddress).succeeded(on: req.db)
        return try await SignInController.startSession(for: user, next: nil, on: req)
    }

    // MARK: A forgotten password

    @Sendable func resetRequestPage(req: Request) async throws -> Response {
        try await req.render(SupplierPages.emailForm(.resetPassword, FormState(input: FormInput(), csrf: req.csrfToken)))
    }

    @Sendable func resetRequest(req: Request) async throws -> Response {
        let base = req.application.settings.publicURL
        return try await sendLink(req, .resetPassword, to: { _ in true },
                                  flash: { "If \($0) has an account, we have sent it a link to choose a new password. It works for an hour." }) { user, secret, _ in
            Emails.reset(to: user.email, link: base + SiteURL.passwordResetToken(.value(secret)).path)
        }
    }

    @Sendable func resetPage(req: Request) async throws -> Response {
        guard try await OneTimeToken.find(token(req), .resetPassword, at: req.now, on: req.db) != nil else {
            return try await req.render(SupplierPages.linkNotValid(.resetPassword))
        }
        return try await req.render(SupplierPages.newPassword(action: .passwordResetToken(.value(token(req))), FormState(input: FormInput(), csrf: req.csrfToken)))
    }

    @Sendable func reset(req: Request) async throws -> Response {
        try await setPassword(req, purpose: .resetPassword, action: .passwordResetToken(.value(token(req))), flash: "Your new password is set. Sign in with it.")
    }

    // MARK: An invitation

    @Sendable func invitationPage(req: Request) async throws -> Response {
        guard let found = try await OneTimeToken.find(token(req), .invitation, at: req.now, on: req.db) else {
            return try await req.render(SupplierPages.linkNotValid(.invitation))
        }
        let user = try await found.$user.get(on: req.db)
        let organisation = try await SupplierOrganisation.find(user.organisationID, on: req.db)
        return try await req.render(SupplierPages.newPassword(action: .invitation(.value(token(req))), invitedTo: organisation?.name,
                                                              FormState(input: FormInput(["name": user.name]), csrf: req.csrfToken)))
    }

    @Sendable func acceptInvitation(req: Request) async throws -> Response {
        try await setPassword(req, purpose: .invitation, action: .invitation(.value(token(req))), flash: "Welcome. Your password is set: sign in with it.")
    }

    /// A new password through a link: the token is used up, the address counts as confirmed (the
    /// link reached it), and every session and API token of the account ends.
    private func setPassword(_ req: Request, purpose: OneTimeToken.Purpose, action: SiteURL, flash: String) async throws -> Response {
        let input = FormInput.form(req)
        var check = Validator(input)
        UsersController.checkPassword(input["password"], required: true, &check)
        if purpose == .invitation { _ = check.text(SupplierRules.personName) }
        let organisation: String? = if purpose == .invitation, let found = try await OneTimeToken.find(token(req), purpose, at: req.now, on: req.db),
                                       let orgID = try await User.find(found.$user.id, on: req.db)?.organisationID {
            try await SupplierOrganisation.find(orgID, on: req.db)?.name
        } else { nil }
        guard check.errors.isEmpty else {
            return try await req.render(SupplierPages.newPassword(action: action, invitedTo: organisation,
                                                                  FormState(input: input.setting("password", ""), errors: check.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        }
        let hash = try await req.passwords.hash(input["password"], on: req.application)
        let now = req.now, secret = token(req), name = check.text(SupplierRules.personName)
        let done = try await req.application.auditWriter.transaction { tx -> Bool in
            guard let found = try await OneTimeToken.find(secret, purpose, at: now, on: tx), let user = try await User.find(found.$user.id, on: tx), user.isActive,
                  try await found.use(at: now, on: tx) else { return false }
            let before = user.auditFields
            user.passwordHash = hash
            user.passwordChange = purpose == .invitation ? "set on accepting the invitation" : "reset by email link"
            if user.emailConfirmedAt == nil { user.emailConfirmedAt = now }
            if purpose == .invitation { user.name = name }
            user.version += 1
            try await user.save(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == user.id!).delete()
            for token in try await APIToken.query(on: tx).filter(\.$user.$id == user.id!).filter(\.$revokedAt == nil).all() {
                let tokenBefore = token.auditFields
                token.revokedAt = now
                try await token.save(on: tx)
                try await AuditTrail.record("api-token.revoke", token, before: tokenBefore, by: .user(user), at: now, on: tx)
            }
            try await AuditTrail.record(purpose == .invitation ? "user.accept-invitation" : "user.reset-password", user, before: before, by: .user(user), at: now, on: tx)
            return true
        }
        guard done else { return try await req.render(SupplierPages.linkNotValid(purpose)) }
        return req.redirect(to: .signIn, flash: flash)
    }
}

/// The emails this feature sends, as their readers see them.
enum Emails {
    static func confirm(to: String, organisation: String, link: String) -> Email {
        Email(kind: "email-confirmation", to: to, subject: "Confirm your email address", paragraphs: [
            "You registered \(organisation) to respond to the council’s market engagement exercises.",
            "Follow this link within 48 hours to confirm that this email address is yours. Then sign in.",
        ], link: link)
    }

    static func alreadyRegistered(to: String, signIn: String, reset: String) -> Email {
        Email(kind: "already-registered", to: to, subject: "You already have an account", paragraphs: [
            "Someone tried to register an organisation with this email address, which already has an account. Nothing was changed.",
            "If it was you, sign in at \(signIn). If you have forgotten your password, choose a new one at \(reset).",
        ])
    }

    static func signIn(to: String, link: String) -> Email {
        Email(kind: "sign-in-link", to: to, subject: "Your link to sign in", paragraphs: [
            "Someone asked for a link to sign in to the account with this email address, after too many wrong passwords slowed its sign-in.",
            "If it was you, follow this link within 15 minutes; it works once. If it was not, do nothing, and consider changing your password: someone may be guessing it.",
        ], link: link)
    }

    static func reset(to: String, link: String) -> Email {
        Email(kind: "password-reset", to: to, subject: "Choose a new password", paragraphs: [
            "Someone asked to reset the password of the account with this email address.",
            "If it was you, follow this link within an hour to choose a new one. If it was not, do nothing: your password stays as it is.",
        ], link: link)
    }

    static func invitation(to: String, from inviter: String, organisation: String, role: OrganisationRole, link: String) -> Email {
        Email(kind: "invitation", to: to, subject: "You are invited to answer for \(organisation)", paragraphs: [
            "\(inviter) invited you to answer for \(organisation) in the council’s market engagement exercises, as \(role == .administrator ? "an administrator (you can submit responses and invite colleagues)" : "a contributor (you can write answers)").",
            "Follow this link within 7 days to choose your password.",
        ], link: link)
    }
}
