import Fluent
import Vapor

/// An organisation's own page, as its users see it: its details, its people, and (for its
/// administrators) changing the details and inviting colleagues. A user sees only their own.
struct SupplierOrganisationController {
    private func organisation(_ req: Request) async throws -> SupplierOrganisation {
        guard let id = req.user?.organisationID, let o = try await SupplierOrganisation.find(id, on: req.db) else { throw Abort(.notFound) }
        return o
    }

    @Sendable func show(req: Request) async throws -> Response {
        let o = try await organisation(req)
        let people = try await User.query(on: req.db).filter(\.$organisationID == o.id).sort(\.$name).all()
        return try await req.render(SupplierPages.organisation(o, people: people.map {
            .init(name: $0.name, email: $0.email, role: $0.organisationRole ?? .contributor, confirmed: $0.hasConfirmedEmail, active: $0.isActive)
        }, canManage: req.user?.isOrganisationAdministrator == true))
    }

    private func detailsForm(_ req: Request) -> FormSave<SupplierOrganisation> {
        FormSave(req, rules: SupplierRules.details) { f in try await req.render(SupplierPages.details(f)) }
    }

    @Sendable func details(req: Request) async throws -> Response {
        try await detailsForm(req).show(FormInput.editing(try await organisation(req)))
    }

    @Sendable func saveDetails(req: Request) async throws -> Response {
        let o = try await organisation(req), id = o.id!
        // Unticked boxes send nothing: a form that was sent says what the boxes are now.
        var input = FormInput.form(req)
        for box in ["sme", "vcse"] where !input.has(box) { input.values[box] = .text("") }
        return try await detailsForm(req).run(req, id: id, input: input, write: {
            try await req.editAudited(SupplierOrganisation.self, id, from: input) { o, v, _ in
                let details = SupplierRules.details(&v)
                try v.throwIfInvalid()
                SupplierRules.apply(details, to: o)
                return "supplier-organisation.update"
            }
        }) { _ in req.redirect(to: .supplierOrganisation, flash: "Your organisation’s details were saved") }
    }

    @Sendable func inviteForm(req: Request) async throws -> Response {
        try await req.render(SupplierPages.invite(FormState(input: FormInput(["organisationRole": OrganisationRole.contributor.rawValue]), csrf: req.csrfToken)))
    }

    /// Makes the colleague's account (no password yet) and emails them a link to choose one.
    @Sendable func invite(req: Request) async throws -> Response {
        let o = try await organisation(req), inviter = try req.requireUser()
        let input = FormInput.form(req)
        let now = req.now, base = req.application.settings.publicURL
        // An account needs a password hash: a random one nobody knows, until the link sets theirs.
        let placeholder = try await req.passwords.hash(Secrets.token(), on: req.application)
        do {
            let email = try await req.application.auditWriter.transaction { tx -> String in
                var v = Validator(input)
                let name = v.text(SupplierRules.personName)
                let email = v.email("email")
                let role = v.choice(FieldRule.choice("organisationRole", "A role", OrganisationRole.self), as: OrganisationRole.self)
                try await AuditedWrite.lockTable(User.schema, on: tx)
                try v.throwIfInvalid()
                // An address that already has an account is told, not the inviter: the page
                // never says which addresses have accounts.
                if try await User.query(on: tx).filter(\.$email == email).count() > 0 {
                    try await Outbox.enqueue(Email(kind: "invitation", to: email, subject: "You are invited to answer for \(o.name)", paragraphs: [
                        "\(inviter.name) invited you to answer for \(o.name), but this email address already has an account, which answers for another organisation or for the council. Nothing was changed.",
                        "To answer for \(o.name), ask \(inviter.name) to invite another of your email addresses.",
                    ]), at: now, on: tx)
                    return email
                }
                let user = User(email: email, name: name, role: .supplierUser, passwordHash: placeholder)
                user.organisationID = o.id
                user.organisationRole = role
                try await user.create(on: tx)
                try await AuditTrail.record("user.invite", user, before: nil, by: .user(inviter), at: now, on: tx)
                let secret = try await OneTimeToken.issue(.invitation, for: user.id!, at: now, on: tx)
                try await Outbox.enqueue(Emails.invitation(to: email, from: inviter.name, organisation: o.name, role: role!,
                                                           link: base + SiteURL.invitation(.value(secret)).path), at: now, on: tx)
                return email
            }
            return req.redirect(to: .supplierOrganisation, flash: "We have emailed an invitation to \(email)")
        } catch let failure as ValidationFailure {
            return try await req.render(SupplierPages.invite(FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        }
    }
}
