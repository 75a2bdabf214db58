import Vapor

/// Preliminary market engagement: the exercise, its notice and key dates, its scope and the
/// benefits it seeks, publishing, extending and cancelling; the public notices; the API.
struct EngagementFeature: Feature {
    var endpoints: [Endpoint] {
        let c = ExercisesController(), n = NoticesController(), q = QuestionnaireController(), r = RespondController(), o = ResponsesController()
        let k = ClarificationsController()
        let member = SuppliersFeature.member, orgAdmin = SuppliersFeature.orgAdministrator
        return [
            .get(.exercises, .officer, c.list),
            .get(.newExercise, .officer, c.new),
            .post(.newExercise, .officer, c.create),
            .get(.exercise(.key), .officer, c.overview),
            .get(.exerciseDetails(.key), .officer, c.details),
            .post(.exerciseDetails(.key), .officer, c.saveDetails),
            .get(.exerciseScope(.key), .officer, c.scope),
            .post(.exerciseScope(.key), .officer, c.saveScope),
            .get(.exerciseBenefits(.key), .officer, c.benefits),
            .post(.exerciseBenefits(.key), .officer, c.saveBenefits),
            .post(.publishExercise(.key), .officer, c.publish),
            .get(.extendExercise(.key), .officer, c.extendForm),
            .post(.extendExercise(.key), .officer, c.extend),
            .get(.cancelExercise(.key), .officer, c.cancelForm),
            .post(.cancelExercise(.key), .officer, c.cancel),
            .get(.questionnaire(.key), .officer, q.show),
            .get(.newQuestionnaireSection(.key), .officer, q.sectionForm),
            .post(.newQuestionnaireSection(.key), .officer, q.saveSection),
            .get(.questionnaireSection(.key, .key), .officer, q.sectionForm),
            .post(.questionnaireSection(.key, .key), .officer, q.saveSection),
            .post(.removeSection(.key, .key), .officer, q.removeSection),
            .get(.newQuestion(.key), .officer, q.questionForm),
            .post(.newQuestion(.key), .officer, q.saveQuestion),
            .get(.question(.key, .key), .officer, q.questionForm),
            .post(.question(.key, .key), .officer, q.saveQuestion),
            .post(.removeQuestion(.key, .key), .officer, q.removeQuestion),
            .post(.copyQuestionnaire(.key), .officer, q.copy),
            .post(.publishQuestionnaire(.key), .officer, q.publish),
            .get(.exerciseResponses(.key), .officer, o.list),
            .post(.openResponses(.key), .officer, o.open),
            .get(.exportResponses(.key), Sealing.opened, o.csv),
            .get(.exportResponseFiles(.key), Sealing.opened, o.zip),
            .get(.exerciseResponseFile(.key, .key), Sealing.opened, o.file),
            .get(.exerciseResponse(.key, .key), Sealing.opened, o.show),
            .get(.response(.key), member, r.overview),
            .get(.responseSection(.key, .key), member, r.sectionForm),
            Endpoint(.POST, .responseSection(.key, .key), member, .page, r.saveSection).streamingUploads(),
            .get(.responseFile(.key, .key), member, r.file),
            .get(.checkResponse(.key), member, r.check),
            .post(.submitResponse(.key), orgAdmin, r.submit),
            .post(.withdrawResponse(.key), orgAdmin, r.withdraw),
            .get(.receipt(.key, .key), member, r.receipt),
            .get(.receiptCopy(.key, .key), member, r.copy),
            .get(.askClarification(.key), member, k.mine),
            .post(.askClarification(.key), member, k.ask),
            .get(.clarifications(.key), .officer, k.list),
            .get(.clarification(.key, .key), .officer, k.answerForm),
            .post(.clarification(.key, .key), .officer, k.answer),
            .get(.notices, .anyone, n.list),
            .get(.notice(.key), .anyone, n.notice),
        ] + ExercisesAPI().endpoints + ResponsesAPI().endpoints
    }

    var schemas: [(String, JSON)] { ExercisesAPI.schemas + ResponsesAPI.schemas }
}

extension SiteURL {
    // The officer's pages
    static let exercises = SiteURL("manage", "exercises")
    static let newExercise = SiteURL("manage", "exercises", "new")
    static func exercise(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p)) }
    static func exerciseDetails(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "details") }
    static func exerciseScope(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "scope") }
    static func exerciseBenefits(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "benefits") }
    static func publishExercise(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "publish") }
    static func extendExercise(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "extend") }
    static func cancelExercise(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "cancel") }

    static func questionnaire(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "questionnaire") }
    static func newQuestionnaireSection(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "questionnaire", "sections", "new") }
    static func questionnaireSection(_ p: Parameter<UUID>, _ s: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "questionnaire", "sections", .text(s, "section"))
    }
    static func removeSection(_ p: Parameter<UUID>, _ s: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "questionnaire", "sections", .text(s, "section"), "remove")
    }
    static func newQuestion(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "questionnaire", "questions", "new") }
    static func question(_ p: Parameter<UUID>, _ q: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "questionnaire", "questions", .text(q, "question"))
    }
    static func removeQuestion(_ p: Parameter<UUID>, _ q: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "questionnaire", "questions", .text(q, "question"), "remove")
    }
    static func copyQuestionnaire(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "questionnaire", "copy") }
    static func publishQuestionnaire(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "questionnaire", "publish") }
    static func exerciseResponses(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "responses") }
    static func exportResponses(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "responses", "export") }
    static func exportResponseFiles(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "responses", "files") }
    static func exerciseResponseFile(_ p: Parameter<UUID>, _ sha: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "responses", "files", .text(sha, "sha256"))
    }
    static func openResponses(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "responses", "open") }
    static func exerciseResponse(_ p: Parameter<UUID>, _ r: Parameter<String>) -> SiteURL {
        SiteURL("manage", "exercises", .id(p), "responses", .text(r, "response"))
    }

    static func clarifications(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "questions") }
    static func clarification(_ p: Parameter<UUID>, _ q: Parameter<String>) -> SiteURL { SiteURL("manage", "exercises", .id(p), "questions", .text(q, "question")) }

    // The respondent's pages
    static func askClarification(_ ref: Parameter<String>) -> SiteURL { SiteURL("notices", .text(ref, "reference"), "questions") }
    static func response(_ ref: Parameter<String>) -> SiteURL { SiteURL("notices", .text(ref, "reference"), "response") }
    static func responseSection(_ ref: Parameter<String>, _ s: Parameter<String>) -> SiteURL {
        SiteURL("notices", .text(ref, "reference"), "response", "sections", .text(s, "section"))
    }
    static func responseFile(_ ref: Parameter<String>, _ sha: Parameter<String>) -> SiteURL {
        SiteURL("notices", .text(ref, "reference"), "response", "files", .text(sha, "sha256"))
    }
    static func checkResponse(_ ref: Parameter<String>) -> SiteURL { SiteURL("notices", .text(ref, "reference"), "response", "check") }
    static func submitResponse(_ ref: Parameter<String>) -> SiteURL { SiteURL("notices", .text(ref, "reference"), "response", "submit") }
    static func withdrawResponse(_ ref: Parameter<String>) -> SiteURL { SiteURL("notices", .text(ref, "reference"), "response", "withdraw") }
    static func receipt(_ ref: Parameter<String>, _ n: Parameter<String>) -> SiteURL {
        SiteURL("notices", .text(ref, "reference"), "response", "receipts", .text(n, "number"))
    }
    static func receiptCopy(_ ref: Parameter<String>, _ n: Parameter<String>) -> SiteURL {
        SiteURL("notices", .text(ref, "reference"), "response", "receipts", .text(n, "number"), "copy")
    }

    // Public pages
    static let notices = SiteURL("notices")
    static func notice(_ reference: Parameter<String>) -> SiteURL { SiteURL("notices", .text(reference, "reference")) }

    // The API
    static let apiExercises = SiteURL("api", "v1", "exercises")
    static func apiExercise(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p)) }
    static func apiQuestionnaire(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "questionnaire") }
    static func apiClarifications(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "clarifications") }
    static func apiResponses(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "responses") }
    static func apiOwnResponse(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "response") }
    static func apiOwnResponseSection(_ p: Parameter<UUID>, _ s: Parameter<String>) -> SiteURL {
        SiteURL("api", "v1", "exercises", .id(p), "response", "sections", .text(s, "section"))
    }
    static func apiOwnFiles(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "response", "files") }
    static func apiOwnSubmissions(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "response", "submissions") }
    static func apiOwnSubmission(_ p: Parameter<UUID>, _ n: Parameter<String>) -> SiteURL {
        SiteURL("api", "v1", "exercises", .id(p), "response", "submissions", .text(n, "number"))
    }
    static func apiExerciseOCDS(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "ocds") }
}
