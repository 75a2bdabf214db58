import Vapor

/// Preliminary market engagement: the exercise, its notice and key dates, its scope and the
/// benefits it seeks, publishing, extending and cancelling; the public notices; the API.
struct EngagementFeature: Feature {
    var endpoints: [Endpoint] {
        let c = ExercisesController(), n = NoticesController()
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
            .get(.notices, .anyone, n.list),
            .get(.notice(.key), .anyone, n.notice),
        ] + ExercisesAPI().endpoints
    }

    var schemas: [(String, JSON)] { ExercisesAPI.schemas }
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

    // Public pages
    static let notices = SiteURL("notices")
    static func notice(_ reference: Parameter<String>) -> SiteURL { SiteURL("notices", .text(reference, "reference")) }

    // The API
    static let apiExercises = SiteURL("api", "v1", "exercises")
    static func apiExercise(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p)) }
    static func apiExerciseOCDS(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "ocds") }
}
