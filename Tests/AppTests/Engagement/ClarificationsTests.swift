@testable import App
import Fluent
import Foundation
import Testing
import Vapor

/// Clarification questions: asked until the clarification deadline, answered by an officer,
/// published to all without the asker's name (or sent privately), emailed to those taking part.
@Suite("Clarifications")
struct ClarificationsTests {
    static let reference = SalfordExercise.openReference

    @Test func aQuestionIsAnsweredAndPublishedWithoutSayingWhoAsked() async throws {
        try await withDemoApp { app, _ in
            let supplier = Browser(app)
            try await supplier.signIn(as: .supplierUser)
            try await supplier.get("/notices/\(Self.reference)/questions")
            #expect(try await supplier.post("/notices/\(Self.reference)/questions", ["question": "Would the council consider a partner for Payroll alone?"]).status == .seeOther)
            // Another organisation does not see it before it is answered.
            _ = try await RegistrationTests.register(app)
            let clarification = try #require(try await Clarification.query(on: app.db).first())

            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let e = try #require(try await Exercise.query(on: app.db).filter(\.$reference == Self.reference).first())
            let list = try await officer.get("/manage/exercises/\(e.id!.uuidString.lowercased())/questions")
            #expect(list.text.contains("Would the council consider a partner for Payroll alone?") && list.text.contains(SalfordDemo.supplierOrganisation))
            let path = "/manage/exercises/\(e.id!.uuidString.lowercased())/questions/\(clarification.id!.uuidString.lowercased())"
            try await officer.get(path)
            let empty = try await officer.post(path, ["answer": "", "visibility": "published"])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Enter answer"))
            #expect(try await officer.post(path, ["answer": "Yes: any service or group of services.", "visibility": "published"]).status == .seeOther)

            let notice = try await Browser(app).get("/notices/\(Self.reference)")
            #expect(notice.text.contains("Would the council consider a partner for Payroll alone?") && notice.text.contains("Yes: any service or group of services."))
            #expect(!notice.text.contains(SalfordDemo.supplierOrganisation), "the asker is not named")
            let emails = try await OutgoingEmail.query(on: app.db).filter(\.$kind == "clarification").all()
            #expect(emails.map(\.recipient).contains("supplier@supplier.example"))
            #expect(emails.allSatisfy { $0.textBody.contains("Yes: any service or group of services.") })
        }
    }

    @Test func aPrivateAnswerGoesOnlyToTheOrganisationThatAsked() async throws {
        try await withDemoApp { app, _ in
            let supplier = Browser(app)
            try await supplier.signIn(as: .supplierUser)
            try await supplier.get("/notices/\(Self.reference)/questions")
            try await supplier.post("/notices/\(Self.reference)/questions", ["question": "Can we see your current payroll contract?"])
            let c = try #require(try await Clarification.query(on: app.db).first())
            let e = try #require(try await Exercise.query(on: app.db).filter(\.$reference == Self.reference).first())
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let path = "/manage/exercises/\(e.id!.uuidString.lowercased())/questions/\(c.id!.uuidString.lowercased())"
            try await officer.get(path)
            #expect(try await officer.post(path, ["answer": "We will send it to you under a confidentiality agreement.", "visibility": "private"]).status == .seeOther)
            #expect(!(try await Browser(app).get("/notices/\(Self.reference)").text.contains("confidentiality agreement")))
            #expect(try await supplier.get("/notices/\(Self.reference)/questions").text.contains("We will send it to you under a confidentiality agreement."))
            let emails = try await OutgoingEmail.query(on: app.db).filter(\.$kind == "clarification").all()
            #expect(emails.map(\.recipient) == ["supplier@supplier.example"])
        }
    }

    @Test func afterTheClarificationDeadlineAQuestionIsRefusedAndKept() async throws {
        try await withDemoApp { app, clock in
            let e = try #require(try await Exercise.query(on: app.db).filter(\.$reference == Self.reference).first())
            clock.set(e.clarificationDeadline!)
            let supplier = Browser(app)
            try await supplier.signIn(as: .supplierUser)
            let page = try await supplier.get("/notices/\(Self.reference)/questions")
            #expect(page.text.contains("Questions were taken until"))
            let late = try await supplier.post("/notices/\(Self.reference)/questions", ["question": "Is it too late to ask?"])
            #expect(late.status == .unprocessableEntity && late.text.contains("it has passed") && late.text.contains("Is it too late to ask?"))
            #expect(try await Clarification.query(on: app.db).count() == 0)
        }
    }
}
