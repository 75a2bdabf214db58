import Foundation

/// The respondent's pages: the response's sections, a section's questions, check your answers,
/// and the receipt.
enum RespondPages {
    typealias Question = QuestionnaireContent.Question
    typealias Section = QuestionnaireContent.Section

    static func breadcrumbs(_ c: RespondController.Context) -> [(String, SiteURL)] {
        [("Notices", .notices), (c.exercise.reference, .notice(.value(c.exercise.reference))), ("Your response", .response(.value(c.exercise.reference)))]
    }

    /// An answer as read back. A file is linked through `file`, when the reader may download it.
    static func shown(_ answer: Answer?, file: ((FileAnswer) -> SiteURL)? = nil) -> HTML {
        switch answer {
        case nil: "<span class=\"secondary-text\">Not answered</span>"
        case .text(let s)?: s.isEmpty ? "<span class=\"secondary-text\">Not answered</span>" : prose(s)
        case .list(let l)?: "<ul class=\"list list--bullet\">\(l.map { "<li>\($0)</li>" as HTML })</ul>"
        case .file(let f)?: fileLine(f, file)
        }
    }

    /// A file as a line: its name (a link when `url` is given), kind and size, and its SHA-256.
    static func fileLine(_ f: FileAnswer, _ url: ((FileAnswer) -> SiteURL)?) -> HTML {
        let kind = FileKind(rawValue: f.type)?.label ?? f.type
        let name: HTML = url.map { "<a class=\"link\" href=\"\($0(f).path)\" download>\(f.name)</a>" } ?? "\(f.name)"
        return "\(name) (\(kind), \(sizeText(f.size)))<br><span class=\"secondary-text\">SHA-256 <code class=\"hash\">\(f.sha256)</code></span>"
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : bytes < 1024 * 1024 ? "\(bytes / 1024) KB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// The respondent's own copy of a file in their response.
    static func ownFile(_ c: RespondController.Context) -> (FileAnswer) -> SiteURL {
        let ref = c.exercise.reference
        return { .responseFile(.value(ref), .value($0.sha256)) }
    }

    static func overview(_ c: RespondController.Context, answers: [UUID: Answer], submissions: [Submission], changedSinceSubmission: Bool, csrf: String) -> Page {
        let ref = c.exercise.reference
        let rows = c.version.content.sections.enumerated().map { i, s -> [HTML] in
            let answered = s.questions.filter { !(answers[$0.id]?.isEmpty ?? true) }.count
            let status: HTML = answered == 0 ? Component.tag("Not started", "grey")
                : answered == s.questions.count ? Component.tag("Answered", "green") : Component.tag("In progress", "yellow")
            let link: HTML = "<a class=\"link\" href=\"\(SiteURL.responseSection(.value(ref), .value(s.id.lowercasedString)).path)\">\(i + 1). \(s.title)</a>"
            return [link, "\(answered) of \(s.questions.count)", status]
        }
        let latest = submissions.last { $0.withdrawnAt == nil }
        let state: HTML
        if let latest {
            state = """
            <div class="inset-text"><p class="body">Submitted: receipt <a class="link" href="\(SiteURL.receipt(.value(ref), .value(String(latest.number))).path)">\(latest.receiptNumber)</a>,
            \(ExercisePages.time(latest.submittedAt)). It counts until you submit again.\(changedSinceSubmission ? " You have changed answers since: submit again for the changes to count." : "")</p></div>
            """
        } else if submissions.contains(where: { $0.withdrawnAt != nil }) {
            state = "<div class=\"inset-text\"><p class=\"body\">Withdrawn: nothing of your response counts unless you submit it again.</p></div>"
        } else {
            state = "<p class=\"body\">Not submitted yet. Save each section as a draft and come back at any time; your colleagues can answer sections too.</p>"
        }
        let deadline: HTML = c.open
            ? "<p class=\"body\">Responses by <strong>\(ExercisePages.time(c.exercise.responseDeadline))</strong>. Questionnaire version \(c.version.number).</p>"
            : "<div class=\"notice\"><p class=\"body\">The deadline, \(ExercisePages.time(c.exercise.responseDeadline)), has passed: your response can be read but no longer changed.</p></div>"
        let withdraw: HTML = c.open && latest != nil && c.user.isOrganisationAdministrator
            ? Component.actionForm(.withdrawResponse(.value(ref)), csrf: csrf, label: "Withdraw the response", secondary: true) : .empty
        let receipts: HTML = submissions.isEmpty ? .empty : """
            <h2 class="heading-m">Submissions</h2>
            \(Component.table(caption: "Submissions", headers: ["Receipt", "Submitted", "Questionnaire version", "Status"], rows: submissions.reversed().map { s in [
                "<a class=\"link\" href=\"\(SiteURL.receipt(.value(ref), .value(String(s.number))).path)\">\(s.receiptNumber)</a>",
                ExercisePages.time(s.submittedAt), "\(s.questionnaireVersion)",
                s.withdrawnAt != nil ? Component.tag("Withdrawn", "red") : s.number == latest?.number ? Component.tag("Counts", "green") : Component.tag("Replaced", "grey"),
            ] }))
            """
        return Page(title: "Your response to \(c.exercise.title)", breadcrumbs: Array(breadcrumbs(c).prefix(2)), body: """
            <span class="caption">\(ref)</span>
            <h1 class="heading-l">Your response</h1>
            \(deadline)
            \(c.version.number > 1 && c.open ? """
                <div class="inset-text"><p class="body">The questionnaire changed to version \(c.version.number) on \(LondonTime.dateTime(c.version.publishedAt)). What changed:</p>
                <ul class="list list--bullet">\(c.version.changes.split(separator: "\n").map { "<li>\(String($0))</li>" as HTML })</ul>
                <p class="body">A response already submitted stays valid against the version it answered.</p></div>
                """ as HTML : .empty)
            \(state)
            \(Component.table(caption: "Sections of the questionnaire", headers: ["Section", "Answered", "Status"], rows: rows))
            <p class="body"><a class="button" href="\(SiteURL.checkResponse(.value(ref)).path)">\(c.open ? "Check your answers and submit" : "Read your answers")</a></p>
            \(withdraw)
            \(receipts)
            """)
    }

    /// The inputs of one question, as the form shows them. `file` is a file question's file now:
    /// saved, or chosen in a form that was not saved (then carried in a hidden field).
    static func field(_ q: Question, number: String, _ f: FormState, file: FileAnswer? = nil, fileURL: ((FileAnswer) -> SiteURL)? = nil, limit: Int = 0) -> HTML {
        let name = Answers.field(q), error = f.errors[name], value = f.input[name]
        let label = "\(number) \(q.text)\(q.required ? "" : " (optional)")"
        var hint = q.guidance
        if q.isCondition { hint += (hint.isEmpty ? "" : " ") + "This is a condition every acceptable proposal must meet." }
        switch q.kind {
        case .shortText:
            return Component.input(name, label: label, value: value, error: error, hint: hint.isEmpty ? nil : hint)
        case .longText:
            if let limit = q.wordLimit { hint += (hint.isEmpty ? "" : " ") + "Up to \(limit) words." }
            return Component.textarea(name, label: label, value: value, error: error, hint: hint.isEmpty ? nil : hint, rows: 8)
        case .number:
            let range = [q.minimum.map { "at least \($0)" }, q.maximum.map { "at most \($0)" }].compactMap { $0 }.joined(separator: " and ")
            if !range.isEmpty { hint += (hint.isEmpty ? "" : " ") + "A number, \(range)." }
            return Component.input(name, label: label, value: value, error: error, hint: hint.isEmpty ? nil : hint, width: "10")
        case .date:
            hint += (hint.isEmpty ? "" : " ") + "Year-month-day, like 2003-09-01."
            return Component.input(name, label: label, value: value, error: error, hint: hint, width: "10")
        case .file:
            hint += (hint.isEmpty ? "" : " ") + "Attach \(FileKind.allowedList), up to \(MultipartUpload.megabytes(limit))."
            let errorHTML: HTML = error.map { "<p id=\"\(name)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" } ?? .empty
            let kept: HTML = f.input.has(name + "-kept") ? "<input type=\"hidden\" name=\"\(name)-kept\" value=\"\(f.input[name + "-kept"])\">" : .empty
            let current: HTML = file.map { file in
                """
                <p class="body">\(f.input.has(name + "-kept") ? "Chosen, not yet saved:" : "Attached:") \(fileLine(file, f.input.has(name + "-kept") ? nil : fileURL))</p>
                <div class="checkbox"><input type="checkbox" id="\(name)-remove" name="\(name)-remove" value="yes"\("checked", when: f.input[name + "-remove"] == "yes")><label for="\(name)-remove">Remove this file</label></div>
                """
            } ?? .empty
            let described = ["\(name)-hint", error == nil ? nil : "\(name)-error"].compactMap { $0 }.joined(separator: " ")
            return """
            <div class="form-group\(error == nil ? "" : " form-group--error")">
              <label class="label" for="\(name)">\(label)</label>
              <div id="\(name)-hint" class="hint">\(hint)</div>
              \(errorHTML)\(current)\(kept)
              <input class="file-upload\(error == nil ? "" : " input--error")" type="file" id="\(name)" name="\(name)" accept="\(FileKind.allCases.map { "." + $0.rawValue }.joined(separator: ","))" aria-describedby="\(described)">
            </div>
            """
        case .singleChoice, .yesNo, .multipleChoice:
            let options = q.kind == .yesNo ? ["yes", "no"] : q.options
            let items = options.enumerated().map { i, option -> HTML in
                let id = "\(name)-\(i)"
                let text = q.kind == .yesNo ? (option == "yes" ? "Yes" : "No") : option
                if q.kind == .multipleChoice {
                    return """
                    <div class="checkbox"><input type="checkbox" id="\(id)" name="\(id)" value="yes"\("checked", when: !f.input[id].isEmpty)><label for="\(id)">\(text)</label></div>
                    """
                }
                return """
                <div class="checkbox"><input type="radio" id="\(id)" name="\(name)" value="\(option)"\("checked", when: value == option)><label for="\(id)">\(text)</label></div>
                """
            }
            let hintHTML: HTML = hint.isEmpty ? .empty : "<div id=\"\(name)-hint\" class=\"hint\">\(hint)</div>"
            let errorHTML: HTML = error.map { "<p id=\"\(name)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" } ?? .empty
            return """
            <div class="form-group\(error == nil ? "" : " form-group--error")" id="\(name)">
              <fieldset class="fieldset">
                <legend class="fieldset__legend">\(label)</legend>
                \(hintHTML)\(errorHTML)
                \(items)
              </fieldset>
            </div>
            """
        }
    }

    /// A section's questions as a form (read-only once the deadline has passed). `saved` is a
    /// colleague's version, shown beside the form when they saved first.
    static func section(_ c: RespondController.Context, _ s: Section, _ f: FormState, saved: [UUID: Answer]? = nil, limit: Int) -> Page {
        let ref = c.exercise.reference
        let index = (c.version.content.sections.firstIndex { $0.id == s.id } ?? 0) + 1
        let theirs: HTML = saved.map { saved in
            """
            <div class="notice" id="saved-now">
              <h2 class="heading-m">What is saved now</h2>
              \(Component.summaryList(s.questions.map { Component.Row(key: $0.text, value: shown(saved[$0.id])) }))
            </div>
            """
        } ?? .empty
        let stored = c.sections[s.id]?.answers ?? [:]
        let fields = s.questions.enumerated().map { j, q in
            let name = Answers.field(q)
            let file = f.input.has(name + "-kept") ? RespondController.keptFile(f.input[name + "-kept"]) : stored[q.id]?.file
            return field(q, number: "\(index).\(j + 1)", f, file: file, fileURL: ownFile(c), limit: limit)
        }
        let multipart: HTML = s.questions.contains { $0.kind == .file } ? " enctype=\"multipart/form-data\"" : .empty
        let intro: HTML = s.intro.isEmpty ? .empty : prose(s.intro)
        guard c.open || !f.errors.isEmpty else {
            let answers = c.sections[s.id]?.answers ?? [:]
            return Page(title: s.title, breadcrumbs: breadcrumbs(c), body: """
                <span class="caption">\(ref) · section \(index)</span>
                <h1 class="heading-l">\(s.title)</h1>
                <div class="notice"><p class="body">The deadline has passed: these answers can be read but no longer changed.</p></div>
                \(Component.summaryList(s.questions.map { Component.Row(key: $0.text, value: shown(answers[$0.id], file: ownFile(c))) }))
                """)
        }
        return Page(title: s.title, breadcrumbs: breadcrumbs(c), body: """
            \(Component.errorSummary(f.errors))
            <span class="caption">\(ref) · section \(index)</span>
            <h1 class="heading-l">\(s.title)</h1>
            \(intro)
            \(theirs)
            \(f.notice)
            <form method="post" action="\(SiteURL.responseSection(.value(ref), .value(s.id.lowercasedString)).path)"\(multipart) novalidate>
              \(Component.csrf(f.csrf))\(Component.version(f.input))
              <span id="version"></span>
              \(fields)
              \(Component.button("Save as draft"))
            </form>
            <p class="body"><a class="link" href="\(SiteURL.response(.value(ref)).path)">Back to your response</a></p>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }

    static func check(_ c: RespondController.Context, answers: [UUID: Answer], key: String, problem: String?,
                      invalid: [(question: Question, message: String)] = [], csrf: String) -> Page {
        let ref = c.exercise.reference
        let missing = Answers.missing(c.version.content, answers)
        // Where each question is answered: its section's page, at the question.
        func link(_ q: Question) -> String {
            let section = c.version.content.sections.first { $0.questions.contains { $0.id == q.id } }
            return SiteURL.responseSection(.value(ref), .value(section?.id.lowercasedString ?? "")).path + "#" + Answers.field(q)
        }
        let sections = c.version.content.sections.enumerated().map { i, s -> HTML in
            let link = SiteURL.responseSection(.value(ref), .value(s.id.lowercasedString))
            return """
            <h2 class="heading-m">\(i + 1). \(s.title)</h2>
            \(Component.summaryList(s.questions.enumerated().map { j, q in
                Component.Row(key: "\(i + 1).\(j + 1) \(q.text)", value: shown(answers[q.id], file: ownFile(c)), action: c.open ? ("Change", link, "answer \(i + 1).\(j + 1)") : nil)
            }))
            """
        }
        let problemHTML: HTML = problem.map { p in
            """
            <div class="error-summary" data-module="error-summary"><div role="alert">
              <h2 class="error-summary__title">There is a problem</h2>
              <ul class="list error-summary__list"><li>\(p)</li>\(missing.map { q in "<li><a href=\"\(link(q))\">Not answered: \(q.text)</a></li>" as HTML })\(invalid.map { item in "<li><a href=\"\(link(item.question))\">\(item.question.text): \(item.message)</a></li>" as HTML })</ul>
            </div></div>
            """
        } ?? .empty
        let submit: HTML
        if !c.open {
            submit = "<p class=\"body\">The deadline has passed: the response can no longer be submitted.</p>"
        } else if !c.user.isOrganisationAdministrator {
            submit = "<p class=\"body\">Your organisation’s administrators submit its response.</p>"
        } else if !missing.isEmpty {
            submit = "<p class=\"body\">\(missing.count) required \(missing.count == 1 ? "question is" : "questions are") not answered yet.</p>"
        } else {
            submit = """
            <h2 class="heading-m">Submit your response</h2>
            <p class="body">By submitting you send these answers to the council as your organisation’s response. You can change it and submit again until the deadline, \(ExercisePages.time(c.exercise.responseDeadline)); this submission counts until you do.</p>
            <form method="post" action="\(SiteURL.submitResponse(.value(ref)).path)" novalidate>
              \(Component.csrf(csrf))<input type="hidden" name="submissionKey" value="\(key)">
              \(Component.button("Submit the response"))
            </form>
            """
        }
        return Page(title: "Check your answers", breadcrumbs: breadcrumbs(c), body: """
            \(problemHTML)
            <span class="caption">\(ref)</span>
            <h1 class="heading-l">Check your answers</h1>
            \(sections)
            \(submit)
            """, hasErrors: problem != nil)
    }

    /// The files a submission holds, in the order of its questions.
    static func filesOf(_ s: Submission) -> [FileAnswer] {
        ResponsePages.answers(in: s.document).values.compactMap(\.file).sorted { ($0.name, $0.sha256) < ($1.name, $1.sha256) }
    }

    static func receipt(_ c: RespondController.Context, _ s: Submission) -> Page {
        let ref = c.exercise.reference, files = filesOf(s)
        return Page(title: "Receipt \(s.receiptNumber)", breadcrumbs: breadcrumbs(c), body: """
            \(Component.panel(s.withdrawnAt == nil ? "Response submitted" : "Response withdrawn", "Receipt number<br><strong>\(s.receiptNumber)</strong>"))
            \(Component.summaryList([
                .init(key: "Submitted", value: ExercisePages.time(s.submittedAt)),
                .init(key: "Questionnaire version", value: "\(s.questionnaireVersion)"),
                .init(key: "SHA-256 of the submitted content", value: "<code class=\"hash\">\(s.sha256)</code>"),
                .init(key: "Status", value: s.withdrawnAt == nil ? "\(s.number) of your submissions" : "Withdrawn \(LondonTime.dateTime(s.withdrawnAt!))"),
            ]))
            \(files.isEmpty ? "" : """
                <h2 class="heading-m">Files submitted</h2>
                <ul class="list">\(files.map { "<li>\(fileLine($0, ownFile(c)))</li>" as HTML })</ul>
                """ as HTML)
            <p class="body">We have emailed this receipt to you. <a class="link" href="\(SiteURL.receiptCopy(.value(ref), .value(String(s.number))).path)" download>Download the submitted copy</a> (JSON).</p>
            <h2 class="heading-m">Checking the receipt</h2>
            <p class="body">The copy is the submission as canonical JSON (RFC 8785): the answers by question, the questionnaire version and when it was submitted. A file answer is named in it by the SHA-256 of the file’s own bytes, and <code>files</code> lists each file’s SHA-256 and size. The SHA-256 above is over the copy’s bytes, exactly as downloaded. To check it: <code>sha256sum \(s.receiptNumber).json</code>; to check a file, <code>sha256sum</code> the file and find its hash in the copy.</p>
            <p class="body"><a class="link" href="\(SiteURL.response(.value(ref)).path)">Back to your response</a></p>
            """)
    }
}
