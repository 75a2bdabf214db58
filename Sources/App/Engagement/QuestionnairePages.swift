import Foundation

/// The officer's questionnaire pages: the working copy with its sections and questions, the
/// versions published, and the forms for a section and a question.
enum QuestionnairePages {
    struct ExerciseRef: Sendable { var id: UUID; var reference: String; var title: String; var stage: Exercise.Stage }
    struct Version: Sendable { var number: Int; var at: Date; var changes: String }

    static func describe(_ q: QuestionnaireContent.Question) -> String {
        var parts = [q.kind.label, q.required ? "required" : "optional"]
        if let w = q.wordLimit { parts.append("up to \(w) words") }
        if !q.options.isEmpty { parts.append("choices: " + q.options.joined(separator: "; ")) }
        if q.minimum != nil || q.maximum != nil { parts.append("from \(q.minimum ?? "any") to \(q.maximum ?? "any")") }
        if !q.objectives.isEmpty { parts.append("evidences " + q.objectives.map(RomanNumeral.string).joined(separator: ", ")) }
        if q.isCondition { parts.append("a condition every acceptable proposal must meet") }
        if let role = q.summary { parts.append("in the summary of what the market said: \(role.rawValue)") }
        return parts.joined(separator: " · ")
    }

    static func overview(exercise e: ExerciseRef, content: QuestionnaireContent, version: Int, versions: [Version], unpublished: [String],
                         copyFrom: [ManagePages.Option], objectives: [ExercisePages.ObjectiveName], problems: [String], csrf: String) -> Page {
        let editable = e.stage == .draft || e.stage == .open
        let id = e.id
        let summary: HTML = problems.isEmpty ? .empty : """
            <div class="error-summary" data-module="error-summary"><div role="alert">
              <h2 class="error-summary__title">There is a problem</h2>
              <ul class="list error-summary__list">\(problems.map { "<li>\($0)</li>" as HTML })</ul>
            </div></div>
            """
        let sections = content.sections.enumerated().map { i, s -> HTML in
            let questions = s.questions.enumerated().map { j, q -> HTML in
                let actions: HTML = editable ? """
                    <p class="body"><a class="link" href="\(SiteURL.question(.value(id), .value(q.id.lowercasedString)).path)">Change<span class="visually-hidden"> question \(i + 1).\(j + 1)</span></a></p>
                    \(Component.actionForm(.removeQuestion(.value(id), .value(q.id.lowercasedString)), csrf: csrf, label: "Remove", secondary: true, version: version, hidden: "question \(i + 1).\(j + 1)"))
                    """ : .empty
                return """
                <li class="question-item">
                  <p class="body"><strong>\(i + 1).\(j + 1) \(q.text)</strong></p>
                  <p class="body secondary-text">\(describe(q))</p>
                  \(q.guidance.isEmpty ? .empty : "<p class=\"body\">Guidance: \(q.guidance)</p>" as HTML)
                  \(actions)
                </li>
                """
            }
            let actions: HTML = editable ? """
                <p class="body"><a class="link" href="\(SiteURL.newQuestion(.value(id)).path)?section=\(s.id.lowercasedString)">Add a question<span class="visually-hidden"> to section \(i + 1)</span></a>
                 · <a class="link" href="\(SiteURL.questionnaireSection(.value(id), .value(s.id.lowercasedString)).path)">Change<span class="visually-hidden"> section \(i + 1)</span> title</a></p>
                \(s.questions.isEmpty ? Component.actionForm(.removeSection(.value(id), .value(s.id.lowercasedString)), csrf: csrf, label: "Remove", secondary: true, version: version, hidden: "section \(i + 1)") : .empty)
                """ : .empty
            return """
            <h2 class="heading-m">\(i + 1). \(s.title)</h2>
            \(s.intro.isEmpty ? .empty : prose(s.intro))
            \(s.questions.isEmpty ? "<p class=\"body\">No questions yet.</p>" as HTML : "<ol class=\"question-list\">\(questions)</ol>" as HTML)
            \(actions)
            """
        }
        let publish: HTML
        if e.stage == .draft {
            publish = "<p class=\"body\">The questionnaire is published as version 1 with the notice.</p>"
        } else if e.stage == .open && !unpublished.isEmpty {
            publish = """
            <div class="inset-text">
              <h2 class="heading-m">Changes not yet published</h2>
              <ul class="list list--bullet">\(unpublished.map { "<li>\($0)</li>" as HTML })</ul>
              <p class="body">Publishing them makes version \(versions.count + 1). Organisations with a draft are shown and emailed what changed; a response already submitted stays valid against the version it answered.</p>
              \(Component.actionForm(.publishQuestionnaire(.value(id)), csrf: csrf, label: "Publish version \(versions.count + 1)", version: version))
            </div>
            """
        } else {
            publish = .empty
        }
        let copy: HTML = editable && content.questions.isEmpty && !copyFrom.isEmpty ? """
            <h2 class="heading-m">Start from another exercise’s questionnaire</h2>
            <form method="post" action="\(SiteURL.copyQuestionnaire(.value(id)).path)" novalidate>
              \(Component.csrf(csrf))<input type="hidden" name="version" value="\(version)">
              \(Component.select("from", label: "Copy the questionnaire of", options: copyFrom.map { ($0.id.lowercasedString, $0.label) }, selected: nil, error: nil))
              \(Component.button("Copy it", secondary: true))
            </form>
            """ : .empty
        let history: HTML = versions.isEmpty ? .empty : """
            <h2 class="heading-m">Versions published</h2>
            \(Component.table(caption: "Versions published", headers: ["Version", "Published", "What changed"], rows: versions.map { v in
                ["\(v.number)", ExercisePages.time(v.at), v.number == 1 ? "First version" : prose(v.changes.split(separator: "\n").map { "- " + $0 }.joined(separator: "\n"))]
            }, numericColumns: [0]))
            """
        _ = objectives
        return Page(title: "Questionnaire of \(e.title)", breadcrumbs: [("Manage", .manage), ("Exercises", .exercises), ("The exercise", .exercise(.value(id)))], body: """
            \(summary)
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Questionnaire</h1>
            \(publish)
            \(sections)
            \(editable ? "<p class=\"body\"><a class=\"button button--secondary\" href=\"\(SiteURL.newQuestionnaireSection(.value(id)).path)\">Add a section</a></p>" as HTML : .empty)
            \(copy)
            \(history)
            """, hasErrors: !problems.isEmpty)
    }

    static func sectionForm(exerciseID: UUID, sectionID: UUID?, _ f: FormState) -> Page {
        f.page(sectionID == nil ? "Add a section" : "Change a section",
               breadcrumbs: [("Exercises", .exercises), ("Questionnaire", .questionnaire(.value(exerciseID)))],
               action: sectionID.map { .questionnaireSection(.value(exerciseID), .value($0.lowercasedString)) } ?? .newQuestionnaireSection(.value(exerciseID)),
               fields: """
            \(Component.input("title", label: "Section title", value: f.input["title"], error: f.errors["title"]))
            \(Component.textarea("intro", label: "Introduction (optional)", value: f.input["intro"], error: f.errors["intro"], hint: "A sentence or two respondents read before the section’s questions.", rows: 3))
            """, button: "Save the section")
    }

    static func input(_ q: QuestionnaireContent.Question, section: UUID, version: Int) -> FormInput {
        var values: [String: String] = [
            "version": String(version), "section": section.lowercasedString, "kind": q.kind.rawValue, "text": q.text, "guidance": q.guidance,
            "required": q.required ? "yes" : "", "wordLimit": q.wordLimit.map(String.init) ?? "", "options": q.options.joined(separator: "\n"),
            "minimum": q.minimum ?? "", "maximum": q.maximum ?? "", "condition": q.isCondition ? "yes" : "", "summary": q.summary?.rawValue ?? "",
        ]
        for n in q.objectives { values["objective-\(n)"] = "yes" }
        return FormInput(values)
    }

    static func questionForm(exerciseID: UUID, questionID: UUID?, sections: [(UUID, String)], objectives: [ExercisePages.ObjectiveName], _ f: FormState) -> Page {
        let i = f.input, e = f.errors
        let boxes = objectives.map { o -> HTML in
            SupplierPages.checkbox("objective-\(o.number)", "\(RomanNumeral.string(o.number)). \(o.title)", checked: !i["objective-\(o.number)"].isEmpty)
        }
        return f.page(questionID == nil ? "Add a question" : "Change a question",
                      breadcrumbs: [("Exercises", .exercises), ("Questionnaire", .questionnaire(.value(exerciseID)))],
                      action: questionID.map { .question(.value(exerciseID), .value($0.lowercasedString)) } ?? .newQuestion(.value(exerciseID)),
                      fields: """
            \(Component.select("section", label: "Section", options: sections.map { ($0.0.lowercasedString, $0.1) }, selected: i["section"].lowercased(), error: e["section"]))
            \(Component.textarea("text", label: "Question", value: i["text"], error: e["text"], rows: 3))
            \(Component.textarea("guidance", label: "Guidance (optional)", value: i["guidance"], error: e["guidance"], hint: "What a good answer covers.", rows: 3))
            \(Component.select("kind", label: "Kind of answer", options: QuestionnaireContent.Question.Kind.allCases.map { ($0.rawValue, $0.label) }, selected: i["kind"], error: e["kind"]))
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Answering</legend>
              \(SupplierPages.checkbox("required", "An answer is required to submit", checked: !i["required"].isEmpty))
              \(SupplierPages.checkbox("condition", "A condition every acceptable proposal must meet", checked: !i["condition"].isEmpty,
                                      hint: "For example, that staff would be employed on no less favourable terms. A response that fails it is left out of the ranking unless the moderator records why it stays."))
            </fieldset>
            \(Component.select("summary", label: "In the summary of what the market said, the answer gives (optional)",
                               options: [(value: "", text: "Nothing in particular")] + QuestionnaireContent.Question.SummaryRole.allCases.map { ($0.rawValue, $0.label) },
                               selected: i["summary"], error: e["summary"]))
            \(Component.input("wordLimit", label: "Word limit (long text)", value: i["wordLimit"], error: e["wordLimit"], width: "5"))
            \(Component.textarea("options", label: "Choices (one or any from a list)", value: i["options"], error: e["options"], hint: "One a line.", rows: 5))
            \(Component.input("minimum", label: "Smallest number (a number)", value: i["minimum"], error: e["minimum"], width: "10"))
            \(Component.input("maximum", label: "Largest number (a number)", value: i["maximum"], error: e["maximum"], width: "10"))
            <fieldset class="fieldset">
              <legend class="fieldset__legend">The objectives an answer evidences</legend>
              \(e["objective-1"].map { "<p class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
              \(boxes)
            </fieldset>
            """, button: "Save the question")
    }
}
