import Fluent

/// Every model lists its Fluent properties (`var properties`) instead of leaving Fluent to find
/// them by reflection. Fluent reflects on a model each time it reads a row into one or writes one
/// out (FluentKit's own documentation calls this its worst bottleneck by far): measured, decoding
/// one exercise was 14% of the processor time of the questionnaire's API call, more than the
/// query. A list can fall behind its model, so `ModelPropertiesTests` holds every model here to
/// what reflection finds: a property added to a model and not to its list fails that test.
enum ModelProperties {
    static let all: [any Model.Type] = [
        AuditEvent.self, BankHoliday.self, OutgoingEmail.self, Clarification.self, Exercise.self, DeadlineExtension.self, NoticeRelease.self,
        Questionnaire.self, QuestionnaireVersion.self, EngagementResponse.self, ResponseSection.self, Submission.self, Opening.self,
        StoredFileRecord.self, FileChunk.self, User.self, UserSession.self, SignInFailure.self, APIToken.self, Council.self, Directorate.self,
        Division.self, Service.self, Pledge.self, Objective.self, WeightChange.self, SupplierOrganisation.self, OneTimeToken.self,
        PanelMember.self, Declaration.self, Criteria.self, ScoreSheet.self, ModerationSheet.self, WeightScenario.self, SensitivityRun.self,
        ConditionJudgement.self, ShortlistEntry.self, Interview.self, ReportDraft.self, IssuedReport.self, AssessmentFramework.self, ServiceAssessment.self, ServicePackage.self, AppraisalOption.self,
    ]
}
