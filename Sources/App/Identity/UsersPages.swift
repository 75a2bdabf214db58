import Foundation

/// The administrator's pages for people and their roles, as markup made from plain values (the
/// controller reads; see `ManagePages`).
enum UsersPages {
    struct User: Sendable { var id: UUID; var name: String; var email: String; var role: Role; var active: Bool }

    static func list(_ users: [User]) -> Page {
        let rows = users.map { u -> [HTML] in [
            "\(u.name)", "\(u.email)", "\(u.role.label)",
            u.active ? Component.tag("Active", "green") : Component.tag("Deactivated", "grey"),
            "<a class=\"link\" href=\"\(SiteURL.user(.value(u.id)).path)\">Change<span class=\"visually-hidden\"> \(u.name)</span></a>",
        ] }
        return Page(title: "Users", body: """
            <h1 class="heading-l">Users</h1>
            <p class="body"><a class="button" href="\(SiteURL.newUser.path)">Add a user</a></p>
            \(Component.table(caption: "Everyone who can sign in", headers: ["Name", "Email address", "Role", "Status", "Action"], rows: rows))
            """)
    }

    /// `storedName` is the name of the person being changed; nil for someone new. The password
    /// field is always empty: a password is never sent back to the browser.
    static func form(id: UUID?, editing storedName: String?, _ f: FormState) -> Page {
        let isNew = storedName == nil
        let active: HTML = isNew ? .empty : Component.select("active", label: "Can sign in", options: [("yes", "Yes"), ("no", "No: deactivated")],
                                                              selected: f.input["active"], error: f.errors["active"],
                                                              hint: "Deactivating signs the person out everywhere and stops their API tokens.")
        let passwordHint = "At least \(UsersController.minimumPasswordLength) characters." + (isNew
            ? " Give it to the person in a safe way."
            : " Leave empty to keep the current one. A new password signs the person out everywhere and revokes their API tokens.")
        return f.page(storedName.map { "Change \($0)" } ?? "Add a user", breadcrumbs: [("Users", .users)],
                      action: id.map { SiteURL.user(.value($0)) } ?? .newUser, fields: """
            \(Component.input("name", label: "Full name", value: f.input["name"], error: f.errors["name"], width: "20", autocomplete: "off"))
            \(Component.input("email", label: "Email address", value: f.input["email"], error: f.errors["email"], type: "email", width: "20", autocomplete: "off"))
            \(Component.select("role", label: "Role", options: Role.allCases.map { ($0.rawValue, "\($0.label): \($0.summary)") }, selected: f.input["role"], error: f.errors["role"]))
            \(active)
            \(Component.input("password", label: isNew ? "Password" : "New password", value: "", error: f.errors["password"], hint: passwordHint, type: "password", width: "20", autocomplete: "new-password"))
            """)
    }
}
