@preconcurrency import Crypto
import Fluent

/// Every migration, in the order it runs. Add new ones at the end; never reorder or edit a
/// migration that has shipped.
enum Migrations {
    static func all(auditKey: SymmetricKey) -> [any Migration] {
        [
            CreateIdentity(),
            CreateAudit(),
            CreateOrganisation(),
            CreateSignInThrottle(),
            CreateKeyedAudit(key: auditKey),
            AddRecordVersions(),
            CreatePublicVersions(),
            AddUserVersions(),
            IndexOrganisationParents(),
            CreateBankHolidays(),
            CreateEngagement(),
            CreateOutbox(),
            CreateSuppliers(),
            CreateQuestionnaires(),
            CreateResponses(),
            CreateClarifications(),
            AddDraftReminders(),
            CreateFileStore(),
            CreateFileLedger(),
            AddSubmissionFingerprints(),
            CreateEvaluationPanels(),
            CreateScoring(),
            CreateResults(),
            CreateConditionJudgements(),
            CreateInterviews(),
            FreezeCriteriaOfOpenedExercises(),
            CreateReports(),
            CreateAssessment(),
            IndexSheetScores(),
            IndexDeclaredConflicts(),
        ]
    }
}
