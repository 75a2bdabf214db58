@testable import App
import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

/// Sessions are looked up for many requests at once (`BatchedRead`): seen from outside, each
/// request is still answered as the person whose cookie it sent, and nobody else.
@Suite("Sessions read together")
struct SharedSessionReadTests {
    @Test func everyoneSignedInAtOnceIsAnsweredAsThemselves() async throws {
        try await withDemoApp { app, _ in
            // Everyone in the demo, signed in; and two cookies that are no one's.
            var callers: [(cookie: String, expected: String?)] = []
            for person in SalfordDemo.users {
                let browser = Browser(app)
                try await browser.signIn(person.email)
                let cookie = try #require(browser.cookies[SessionCookie.name])
                callers.append(("\(SessionCookie.name)=\(cookie)", "\(person.name) <span class=\"header__role\">(\(person.role.label))</span>"))
            }
            callers.append(("\(SessionCookie.name)=\(Secrets.token())", nil))
            callers.append(("\(SessionCookie.name)=\(String(callers[0].cookie.dropFirst(SessionCookie.name.count + 1).dropLast()))x", nil))

            let readsBefore = app.principals.sessions.reads
            let rounds = 8
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<rounds {
                    for (i, caller) in callers.enumerated() {
                        group.addTask {
                            let page = try await app.testing().sendRequest(.GET, "/services", headers: ["Cookie": caller.cookie])
                            return (i, page.body.string)
                        }
                    }
                }
                return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
            }
            #expect(answers.count == rounds * callers.count)
            for (i, page) in answers {
                if let expected = callers[i].expected {
                    #expect(page.contains("<span class=\"header__user\">\(expected)</span>"), "caller \(i) saw someone else's page")
                    for (j, other) in callers.enumerated() where j != i {
                        if let name = other.expected { #expect(!page.contains(name)) }
                    }
                } else {
                    #expect(!page.contains("header__user"), "a cookie that is no one's signs nobody in")
                }
            }
            // The lookups really were shared: fewer reads than requests.
            let reads = app.principals.sessions.reads - readsBefore
            #expect(reads < answers.count, "\(reads) reads for \(answers.count) requests")
        }
    }
}
