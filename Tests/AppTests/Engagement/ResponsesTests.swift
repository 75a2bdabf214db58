@testable import App
import Crypto
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// A response from the outside: answered section by section, submitted once per key with a
/// receipt anyone can check, changed and submitted again, withdrawn; refused after the deadline
/// with what was typed shown back; sealed from everyone at the council until two officers open it.
@Suite("Responses")
struct ResponsesTests {
    static let reference = SalfordExercise.openReference

    static func exercise(_ app: Application) async throws -> Exercise {
        try #require(try await Exercise.query(on: app.db).filter(\.$reference == reference).first())
    }

    static func content(_ app: Application) async throws -> QuestionnaireContent {
        let e = try await exercise(app)
        return try #require(try await QuestionnaireVersion.query(on: app.db).filter(\.$exercise.$id == e.id!).first()).content
    }

    /// A valid answer to `q`, as a form sends it.
    static func answer(_ q: QuestionnaireContent.Question) -> [String: String] {
        let name = Answers.field(q)
        switch q.kind {
        case .shortText: return [name: "Irwell Valley Services"]
        case .longText: return [name: "We propose a partnership, with investment in the contact centre (answer IRW-7731)."]
        case .singleChoice: return [name: q.options[0]]
        case .multipleChoice: return [Answers.choiceField(q, 0): "yes"]
        case .yesNo: return [name: "yes"]
        case .number: return [name: q.minimum ?? "1"]
        case .date: return [name: "2027-01-04"]
        case .file: return [:]
        }
    }

    /// Answers every required question, section by section, as `b`.
    /// `overrides` gives other answers to some questions, by id.
    static func answerAll(_ b: Browser, _ content: QuestionnaireContent, overrides: [UUID: String] = [:]) async throws {
        for s in content.sections {
            let path = "/notices/\(reference)/response/sections/\(s.id.uuidString.lowercased())"
            try await b.get(path)
            var form: [String: String] = [:]
            for q in s.questions where q.required { form.merge(answer(q)) { a, _ in a } }
            for q in s.questions { if let other = overrides[q.id] { form[Answers.field(q)] = other } }
            let saved = try await b.post(path, form)
            let problems = Self.problems(saved.text)
            #expect(saved.status == .seeOther, "\(s.title): \(problems)")
        }
    }

    /// The error summary's messages of a page.
    static func problems(_ html: String) -> String {
        guard let start = html.range(of: "error-summary__list") else { return "" }
        return String(html[start.upperBound...].prefix(600))
    }

    /// The demo organisation (or the organisation of whoever `browser` is signed in as) answers
    /// every required question and submits; returns that person's browser.
    @discardableResult
    static func submitted(_ app: Application, as browser: Browser? = nil, overrides: [UUID: String] = [:]) async throws -> Browser {
        let b = if let browser { browser } else { try await Self.supplier(app) }
        try await Self.answerAll(b, try await Self.content(app), overrides: overrides)
        let ready = try await b.get("/notices/\(Self.reference)/response/check")
        let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
        #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": key]).status == .seeOther)
        return b
    }

    static func supplier(_ app: Application) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(as: .supplierUser)
        return b
    }

    @Test func anOrganisationSubmitsOnceAndGetsAReceiptAnyoneCanCheck() async throws {
        try await withDemoApp { app, _ in
            let b = try await Self.supplier(app)
            let content = try await Self.content(app)
            // Incomplete: the check page says so, and a submission is refused with the list.
            let first = content.sections[0]
            try await b.get("/notices/\(Self.reference)/response/sections/\(first.id.uuidString.lowercased())")
            #expect(try await b.post("/notices/\(Self.reference)/response/sections/\(first.id.uuidString.lowercased())", Self.answer(first.questions[0])).status == .seeOther)
            let check = try await b.get("/notices/\(Self.reference)/response/check")
            #expect(check.text.contains("required questions are not answered yet"))
            #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": "k1"]).status == .unprocessableEntity)

            try await Self.answerAll(b, content)
            let ready = try await b.get("/notices/\(Self.reference)/response/check")
            let key = try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1
            let submitted = try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": String(key)])
            #expect(submitted.status == .seeOther && submitted.location == "/notices/\(Self.reference)/response/receipts/1")
            // The same key again (a double click, a retry after a lost connection): the same receipt.
            let again = try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": String(key)])
            #expect(again.status == .seeOther && again.location == "/notices/\(Self.reference)/response/receipts/1")
            let submissions = try await Submission.query(on: app.db).all()
            try #require(submissions.count == 1)
            let s = submissions[0]
            #expect(s.receiptNumber == "\(Self.reference)-0001-1" && s.questionnaireVersion == 1)

            let receipt = try await b.get("/notices/\(Self.reference)/response/receipts/1")
            #expect(receipt.text.contains(s.receiptNumber) && receipt.text.contains(s.sha256))
            // The downloaded copy is the bytes the receipt's hash is over, and is canonical.
            let copy = try await b.get("/notices/\(Self.reference)/response/receipts/1/copy")
            let bytes = Data(copy.body.readableBytesView)
            #expect(SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() == s.sha256)
            let parsed = try JSONSerialization.jsonObject(with: bytes) as! [String: Any]
            #expect(parsed["questionnaireVersion"] as? Int == 1 && parsed["exercise"] as? String == Self.reference)
            #expect(!String(decoding: bytes, as: UTF8.self).contains(" \""), "no whitespace between tokens")
            // The receipt is emailed.
            let email = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$kind == "receipt").first())
            #expect(email.recipient == "supplier@supplier.example" && email.textBody.contains(s.sha256))
        }
    }

    @Test func twoColleaguesSavingTheSameSectionAreTold() async throws {
        try await withDemoApp { app, _ in
            let content = try await Self.content(app)
            let section = content.sections[0], q = section.questions.first { $0.kind == .shortText || $0.kind == .longText }!
            let path = "/notices/\(Self.reference)/response/sections/\(section.id.uuidString.lowercased())"
            let one = try await Self.supplier(app), two = try await Self.supplier(app)
            try await one.get(path)
            try await two.get(path)
            #expect(try await one.post(path, [Answers.field(q): "First colleague's answer"]).status == .seeOther)
            let stale = try await two.post(path, [Answers.field(q): "Second colleague's answer"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Demo Supplier saved this section since you opened it"))
            #expect(stale.text.contains("Second colleague&#39;s answer") && stale.text.contains("First colleague&#39;s answer"))
            // Saving again, from the form as shown, replaces it.
            #expect(try await two.post(path, [Answers.field(q): "Second colleague's answer"]).status == .seeOther)
        }
    }

    @Test func badAnswersAreToldBesideTheirQuestionAndKept() async throws {
        try await withDemoApp { app, _ in
            let content = try await Self.content(app)
            let number = try #require(content.questions.first { $0.kind == .number && $0.maximum != nil })
            let long = try #require(content.questions.first { $0.kind == .longText && $0.wordLimit != nil })
            let b = try await Self.supplier(app)
            for (q, value, message) in [(number, "lots", "Enter a number"), (number, "99999999999", "Enter a number of at most"),
                                        (long, String(repeating: "word ", count: long.wordLimit! + 1), "words: the limit is \(long.wordLimit!)")] {
                let section = content.sections.first { $0.questions.contains { $0.id == q.id } }!
                let path = "/notices/\(Self.reference)/response/sections/\(section.id.uuidString.lowercased())"
                try await b.get(path)
                let refused = try await b.post(path, [Answers.field(q): value])
                #expect(refused.status == .unprocessableEntity && refused.text.contains("id=\"\(Answers.field(q))-error\"") && refused.text.contains(message))
                #expect(refused.text.contains(value.prefix(30)))
            }
        }
    }

    @Test func aContributorWritesButDoesNotSubmit() async throws {
        try await withDemoApp { app, clock in
            let organisation = try #require(try await SupplierOrganisation.query(on: app.db).first())
            try await supplierFixture(app, email: "contributor@supplier.example", password: "contributor password",
                                      role: .contributor, organisation: organisation, at: clock.now())
            let b = Browser(app)
            try await b.signIn("contributor@supplier.example", password: "contributor password")
            try await Self.answerAll(b, try await Self.content(app))
            #expect(try await b.get("/notices/\(Self.reference)/response/check").text.contains("Your organisation’s administrators submit its response"))
            #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": "x"]).status == .forbidden)
            #expect(try await Submission.query(on: app.db).count() == 0)
        }
    }

    @Test func atTheDeadlineEverythingIsReadOnlyAndWhatWasTypedIsShownBack() async throws {
        try await withDemoApp { app, clock in
            let e = try await Self.exercise(app), deadline = try #require(e.responseDeadline)
            let content = try await Self.content(app)
            let b = try await Self.supplier(app)
            try await Self.answerAll(b, content)
            // One second before: accepted.
            clock.set(deadline.addingTimeInterval(-1))
            try await b.signIn(as: .supplierUser)
            let ready = try await b.get("/notices/\(Self.reference)/response/check")
            let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
            #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": key]).status == .seeOther)
            // At the deadline: a change is refused, and the typed answer comes back with the message.
            clock.set(deadline)
            let section = content.sections[0], q = section.questions.first { $0.kind == .longText }!
            let path = "/notices/\(Self.reference)/response/sections/\(section.id.uuidString.lowercased())"
            let late = try await b.post(path, [Answers.field(q): "A late thought that must not be lost", "version": "1"])
            #expect(late.status == .conflict && late.text.contains("has passed") && late.text.contains("A late thought that must not be lost"))
            let lateSubmit = try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": "another key"])
            #expect(lateSubmit.status == .conflict && lateSubmit.text.contains("has passed"))
            #expect(try await Submission.query(on: app.db).count() == 1)
            // Read-only now.
            #expect(try await b.get(path).text.contains("can be read but no longer changed"))
        }
    }

    @Test func aSubmittedResponseCountsWhileItIsChangedUntilItIsSubmittedAgainOrWithdrawn() async throws {
        try await withDemoApp { app, _ in
            let content = try await Self.content(app)
            let b = try await Self.supplier(app)
            try await Self.answerAll(b, content)
            for _ in 1...2 {
                let ready = try await b.get("/notices/\(Self.reference)/response/check")
                let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
                #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": key]).status == .seeOther)
            }
            let overview = try await b.get("/notices/\(Self.reference)/response")
            #expect(overview.text.contains("\(Self.reference)-0001-2") && overview.text.contains("Replaced") && overview.text.contains("Counts"))
            try await b.post("/notices/\(Self.reference)/response/withdraw")
            let response = try #require(try await EngagementResponse.query(on: app.db).first())
            #expect(response.status == .withdrawn)
            #expect(try await Submission.query(on: app.db).filter(\.$withdrawnAt == nil).count() == 0)
            #expect(try await Submission.query(on: app.db).count() == 2, "every submitted version is kept")
        }
    }

    @Test func responsesAreSealedFromEveryoneUntilTwoOfficersOpenThem() async throws {
        try await withDemoApp { app, clock in
            let e = try await Self.exercise(app)
            try await Self.submitted(app)
            let response = try #require(try await EngagementResponse.query(on: app.db).first())
            let responsePath = "/manage/exercises/\(e.id!.uuidString.lowercased())/responses/\(response.id!.uuidString.lowercased())"
            let listPath = "/manage/exercises/\(e.id!.uuidString.lowercased())/responses"

            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            // Only counts before opening; never an answer.
            let sealed = try await officer.get(listPath)
            #expect(sealed.text.contains("The responses are sealed") && sealed.text.contains("Responses submitted"))
            #expect(!sealed.text.contains("answer IRW-7731"))
            #expect(try await officer.get(responsePath).status == .forbidden)
            #expect(try await officer.get("\(listPath)/export").status == .forbidden, "no export while sealed")
            let officerUser = try #require(try await User.query(on: app.db).filter(\.$role == .officer).first())
            let early = Secrets.token(prefix: "pt_")
            try await saveFixture(APIToken(userID: officerUser.id!, name: "early", tokenHash: Secrets.sha256(early), createdAt: clock.now()), on: app.db)
            var earlyHeaders = HTTPHeaders()
            earlyHeaders.bearerAuthorization = .init(token: early)
            let sealedAPI = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(e.id!.uuidString.lowercased())/responses", headers: earlyHeaders)
            #expect(sealedAPI.status == .forbidden && !sealedAPI.body.string.contains("IRW-7731"), "sealed in the API too")
            for role in [Role.administrator, .evaluator, .moderator, .boardMember, .supplierUser] {
                let other = Browser(app)
                try await other.signIn(as: role)
                #expect(try await other.get(responsePath).status == .forbidden, "\(role)")
            }
            // No answer shows in the audit trail either.
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            #expect(!(try await admin.get("/admin/audit").text.contains("answer IRW-7731")))
            // Not before the deadline.
            try await officer.get(listPath)
            #expect(try await officer.post("\(listPath)/open").status == .conflict)

            clock.set(e.responseDeadline!)
            try await officer.signIn(as: .officer)
            try await officer.get(listPath)
            #expect(try await officer.post("\(listPath)/open").status == .seeOther)
            // One officer twice is still one confirmation.
            try await officer.get(listPath)
            try await officer.post("\(listPath)/open")
            #expect(try await Exercise.find(e.id, on: app.db)?.openedAt == nil)
            #expect(try await officer.get(responsePath).status == .forbidden)

            clock.advance(60)
            let second = User(email: "second.officer@salford.example", name: "Second Officer", role: .officer, passwordHash: try await app.password.async.hash("another long password"))
            try await saveFixture(second, on: app.db)
            let other = Browser(app)
            try await other.signIn("second.officer@salford.example", password: "another long password")
            try await other.get(listPath)
            #expect(try await other.post("\(listPath)/open").status == .seeOther)
            let opened = try #require(try await Exercise.find(e.id, on: app.db))
            #expect(opened.openedAt != nil && opened.status == .opened)
            let read = try await officer.get(responsePath)
            #expect(read.status == .ok && read.text.contains("answer IRW-7731") && read.text.contains(SalfordDemo.supplierOrganisation))
            let list = try await officer.get(listPath)
            #expect(list.text.contains("Opened") && list.text.contains("Allison Lobley and Second Officer"))
            // The API says the same, as JSON, to an officer's token; nothing before opening (above).
            let user = try #require(try await User.query(on: app.db).filter(\.$role == .officer).first())
            let secret = Secrets.token(prefix: "pt_")
            try await saveFixture(APIToken(userID: user.id!, name: "test", tokenHash: Secrets.sha256(secret), createdAt: clock.now()), on: app.db)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: secret)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(e.id!.uuidString.lowercased())/responses", headers: headers)
            #expect(api.status == .ok && api.body.string.contains("answer IRW-7731") && api.body.string.contains("\(Self.reference)-0001-1"))
            let csv = try await officer.get("\(listPath)/export")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2 && lines[0].hasPrefix("Organisation,Companies House number,SME,VCSE,Receipt"))
            #expect(lines[1].contains("\"We propose a partnership, with investment in the contact centre (answer IRW-7731).\"") && lines[1].contains("\(Self.reference)-0001-1"))
            #expect(ResponsesCSV.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"", "a formula is written as text")
            // Still nobody else.
            let evaluator = Browser(app)
            try await evaluator.signIn(as: .evaluator)
            #expect(try await evaluator.get(responsePath).status == .forbidden)
        }
    }

    @Test func canonicalJSONIsRFC8785() {
        let value: JSON = .object([("b", .int(1)), ("a", .array([.string("x\ny\"z\\"), .bool(true), .null])), ("€", .string("é\u{1}")), ("A", .object([]))])
        #expect(CanonicalJSON.encode(value) == "{\"A\":{},\"a\":[\"x\\ny\\\"z\\\\\",true,null],\"b\":1,\"€\":\"é\\u0001\"}")
        // Members sort by UTF-16 code units: U+1F600 (a surrogate pair, 0xD83D…) before U+FB33, unlike by scalar.
        #expect(CanonicalJSON.encode(.object([("\u{FB33}", .int(1)), ("\u{1F600}", .int(2))])) == "{\"\u{1F600}\":2,\"\u{FB33}\":1}")
        // Every control character: the five short escapes, the rest as \u00xx in lower case; DEL and beyond as they are.
        let controls = String(decoding: (0..<0x20).map { UInt8($0) } + [0x7F], as: UTF8.self) + "😀"
        let expected = (0..<0x20).map { c -> String in
            switch c {
            case 0x08: "\\b"
            case 0x09: "\\t"
            case 0x0A: "\\n"
            case 0x0C: "\\f"
            case 0x0D: "\\r"
            default: "\\u00" + (c < 16 ? "0" : "") + String(c, radix: 16)
            }
        }.joined() + "\u{7F}😀"
        #expect(CanonicalJSON.encode(.string(controls)) == "\"" + expected + "\"")
        #expect(CanonicalJSON.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aNewQuestionnaireVersionIsShownAndEmailedToDraftsAndASubmissionKeepsItsVersion() async throws {
        try await withDemoApp { app, clock in
            let e = try await Self.exercise(app), id = e.id!.uuidString.lowercased()
            let content = try await Self.content(app)
            let b = try await Self.supplier(app)
            try await Self.answerAll(b, content)
            let ready = try await b.get("/notices/\(Self.reference)/response/check")
            let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
            #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": key]).status == .seeOther)
            // A change after submitting leaves the response a draft of changes; make it a plain draft again to be told.
            let response = try #require(try await EngagementResponse.query(on: app.db).first())

            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(id)/questionnaire/questions/new?section=\(content.sections[0].id.uuidString.lowercased())")
            #expect(try await officer.post("/manage/exercises/\(id)/questionnaire/questions/new", [
                "section": content.sections[0].id.uuidString.lowercased(), "kind": "short-text", "text": "What is your VAT registration number?"]).status == .seeOther)
            // Not yet published: respondents still see version 1.
            #expect(!(try await b.get("/notices/\(Self.reference)/response/sections/\(content.sections[0].id.uuidString.lowercased())").text.contains("VAT registration")))
            let page = try await officer.get("/manage/exercises/\(id)/questionnaire")
            #expect(page.text.contains("New question: What is your VAT registration number?") && page.text.contains("Publish version 2"))
            #expect(try await officer.post("/manage/exercises/\(id)/questionnaire/publish").status == .seeOther)

            // The submission keeps the version it answered; the organisation sees what changed.
            #expect(try await Submission.query(on: app.db).first()?.questionnaireVersion == 1)
            let overview = try await b.get("/notices/\(Self.reference)/response")
            #expect(overview.text.contains("The questionnaire changed to version 2") && overview.text.contains("What is your VAT registration number?"))
            #expect(overview.text.contains("Counts"))
            // Submitted responses are not drafts: no email. Extensions go to everyone taking part.
            #expect(try await OutgoingEmail.query(on: app.db).filter(\.$kind == "questionnaire-change").count() == 0)
            _ = response
            try await officer.get("/manage/exercises/\(id)/extend")
            let deadline = e.responseDeadline!.addingTimeInterval(7 * 86_400)
            let day = Day.london(deadline)
            let windows = try #require(try await Exercise.find(e.id, on: app.db))
            let later = Day(iso: windows.evaluationFrom!)!.adding(days: 7).iso, laterTo = Day(iso: windows.evaluationTo!)!.adding(days: 7).iso
            let extended = try await officer.post("/manage/exercises/\(id)/extend", [
                "deadlineDate": day.iso, "deadlineTime": "12:00", "reason": "More time for the new question",
                "evaluationFrom": later, "evaluationTo": laterTo,
                "interviewFrom": Day(iso: windows.interviewFrom!)!.adding(days: 7).iso, "interviewTo": Day(iso: windows.interviewTo!)!.adding(days: 7).iso,
                "decisionOn": Day(iso: windows.decisionOn!)!.adding(days: 7).iso])
            #expect(extended.status == .seeOther, "\(Self.problems(extended.text))")
            let told = try await OutgoingEmail.query(on: app.db).filter(\.$kind == "deadline-extension").all()
            #expect(told.map(\.recipient) == ["supplier@supplier.example"] && told[0].textBody.contains("More time for the new question"))
            _ = clock
        }
    }

    @Test func aCancelledOrOpenedExerciseRefusesChangesAndShowsWhatWasTyped() async throws {
        try await withDemoApp { app, _ in
            let e = try await Self.exercise(app), content = try await Self.content(app)
            let b = try await Self.supplier(app)
            let section = content.sections[0], q = section.questions.first { $0.kind == .longText }!
            let path = "/notices/\(Self.reference)/response/sections/\(section.id.uuidString.lowercased())"
            try await b.get(path)
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(e.id!.uuidString.lowercased())/cancel")
            #expect(try await officer.post("/manage/exercises/\(e.id!.uuidString.lowercased())/cancel", ["reason": "Cabinet decided otherwise"]).status == .seeOther)
            let refused = try await b.post(path, [Answers.field(q): "Typed before the cancellation"])
            #expect(refused.status == .conflict && refused.text.contains("The council cancelled this exercise (Cabinet decided otherwise)"))
            #expect(refused.text.contains("Typed before the cancellation"))
        }
    }

    @Test func aResubmissionIsCheckedAgainstTheCurrentVersionsRules() async throws {
        try await withDemoApp { app, _ in
            let e = try await Self.exercise(app), id = e.id!.uuidString.lowercased()
            let content = try await Self.content(app)
            let b = try await Self.supplier(app)
            try await Self.answerAll(b, content)
            // The officer changes the choices of a required single-choice question.
            let q = try #require(content.questions.first { $0.kind == .singleChoice && $0.required })
            let section = content.sections.first { $0.questions.contains { $0.id == q.id } }!
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let qpath = "/manage/exercises/\(id)/questionnaire/questions/\(q.id.uuidString.lowercased())"
            try await officer.get(qpath)
            var form = QuestionnairePages.input(q, section: section.id, version: 0).values.mapValues(\.display)
            form["options"] = (["A new first choice"] + q.options.dropFirst()).joined(separator: "\n")
            form.removeValue(forKey: "version")
            #expect(try await officer.post(qpath, form).status == .seeOther)
            try await officer.get("/manage/exercises/\(id)/questionnaire")
            #expect(try await officer.post("/manage/exercises/\(id)/questionnaire/publish").status == .seeOther)
            // The stored answer was the old first choice: the submission is refused, and says which.
            let ready = try await b.get("/notices/\(Self.reference)/response/check")
            let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
            let refused = try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": key])
            #expect(refused.status == .unprocessableEntity && refused.text.contains(q.text))
            #expect(try await Submission.query(on: app.db).count() == 0)
            #expect(try await OutgoingEmail.query(on: app.db).filter(\.$kind == "questionnaire-change").count() == 1, "the draft's organisation is told")
        }
    }

    @Test func fortyEightHoursBeforeTheDeadlineDraftsAreRemindedOnce() async throws {
        try await withDemoApp { app, clock in
            let e = try await Self.exercise(app)
            let b = try await Self.supplier(app)
            let section = try await Self.content(app).sections[0]
            try await b.get("/notices/\(Self.reference)/response/sections/\(section.id.uuidString.lowercased())")
            #expect(try await b.post("/notices/\(Self.reference)/response/sections/\(section.id.uuidString.lowercased())", [:]).status == .seeOther)
            clock.set(e.responseDeadline!.addingTimeInterval(-49 * 3600))
            #expect(try await Reminders.sendDue(app) == 0, "not yet")
            clock.set(e.responseDeadline!.addingTimeInterval(-47 * 3600))
            // Two instances at once: one reminder.
            async let first = Reminders.sendDue(app)
            async let second = Reminders.sendDue(app)
            #expect(try await first + second == 1)
            #expect(try await Reminders.sendDue(app) == 0)
            let reminders = try await OutgoingEmail.query(on: app.db).filter(\.$kind == "draft-reminder").all()
            #expect(reminders.map(\.recipient) == ["supplier@supplier.example"] && reminders[0].subject.contains("48 hours left"))
        }
    }

    @Test func anotherOrganisationCannotReachThisOnesResponseByGuessing() async throws {
        try await withDemoApp { app, clock in
            let b = try await Self.supplier(app)
            try await Self.answerAll(b, try await Self.content(app))
            let ready = try await b.get("/notices/\(Self.reference)/response/check")
            let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
            #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": key]).status == .seeOther)

            // A user of another organisation, signed in, guessing the receipt, its copy and the answers.
            let r = try await AttachmentsTests.rival(app, clock)
            #expect(try await r.get("/notices/\(Self.reference)/response/receipts/1").status == .notFound)
            #expect(try await r.get("/notices/\(Self.reference)/response/receipts/1/copy").status == .notFound)
            let own = try await r.get("/notices/\(Self.reference)/response")
            #expect(own.status == .ok && !own.text.contains("\(Self.reference)-0001-1") && own.text.contains("Not submitted yet"))
            let check = try await r.get("/notices/\(Self.reference)/response/check")
            #expect(!check.text.contains("answer IRW-7731"), "the other organisation's answers are never shown")
            // Withdrawing withdraws only one's own (here: nothing).
            try await r.post("/notices/\(Self.reference)/response/withdraw")
            #expect(try await EngagementResponse.query(on: app.db).first()?.status == .submitted)
        }
    }
}
