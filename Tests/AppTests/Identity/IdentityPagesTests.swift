@testable import App
import Foundation
import Testing

@Suite("User pages from plain data")
struct UsersPagesTests {
    @Test func aPasswordTypedIntoTheFormIsNeverSentBack() {
        var errors = FormErrors()
        errors.add("email", "Enter an email address in the right form, like name@example.org")
        let page = UsersPages.form(id: nil, editing: nil, FormState(
            input: FormInput(["name": "Ada", "email": "not an address", "role": Role.administrator.rawValue, "password": "correct horse battery"]),
            errors: errors, status: .unprocessableEntity, csrf: "t"))
        let html = page.body.rendered
        #expect(!html.contains("correct horse battery"))
        #expect(html.contains("id=\"password\" name=\"password\" type=\"password\" value=\"\""))
        #expect(html.contains("value=\"not an address\""), "the rest is kept")
        #expect(html.contains("<option value=\"administrator\" selected>"))
        #expect(!html.contains("Can sign in"), "someone new has no deactivation choice")
        #expect(page.title == "Add a user")
    }
}

@Suite("Token and sign-in pages from plain data")
struct AccountPagesTests {
    @Test func aRevokedTokenOffersNoRevokeAndANewOneIsShownOnce() {
        let made = Date(timeIntervalSince1970: 1_050_000_000)
        let live = UUID(uuidString: "00000000-0000-4000-8000-0000000000D1")!, dead = UUID(uuidString: "00000000-0000-4000-8000-0000000000D2")!
        let html = TokensPage.render([.init(id: live, name: "import", createdAt: made, revoked: false), .init(id: dead, name: "old", createdAt: made, revoked: true)],
                                     created: "pt_secret", FormState(input: FormInput(), csrf: "t")).body.rendered
        #expect(html.contains("<code id=\"new-token\">pt_secret</code>"))
        #expect(html.contains("action=\"/manage/api-tokens/00000000-0000-4000-8000-0000000000d1/revoke\""))
        #expect(!html.contains("0000000000d2/revoke"), "a revoked token cannot be revoked again")
        let again = TokensPage.render([], created: nil, FormState(input: FormInput(), csrf: "t")).body.rendered
        #expect(!again.contains("new-token"))
        #expect(again.contains("You have no tokens."))
    }

    @Test func signInKeepsTheEmailAndWhereToGoButNeverThePassword() {
        var errors = FormErrors()
        errors.add("password", "The email address or password is not right")
        let page = SignInPage.render(next: "/manage/services", FormState(input: FormInput(["email": "a@b.example", "password": "typed"]), errors: errors, status: .unprocessableEntity, csrf: "t"))
        let html = page.body.rendered
        #expect(html.contains("value=\"a@b.example\""))
        #expect(!html.contains("typed"))
        #expect(html.contains("<input type=\"hidden\" name=\"next\" value=\"/manage/services\">"))
        #expect(html.contains("action=\"/sign-in?next=%2Fmanage%2Fservices\""))
    }
}
