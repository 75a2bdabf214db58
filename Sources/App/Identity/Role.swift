/// What a signed-in person may do. One role per user: a council gives evaluation and
/// administration to different people on purpose.
public enum Role: String, Codable, CaseIterable, Sendable {
    case administrator
    case officer
    case evaluator
    case moderator
    case boardMember = "board-member"
    case supplierUser = "supplier-user"

    public var label: String {
        switch self {
        case .administrator: "Administrator"
        case .officer: "Officer"
        case .evaluator: "Evaluator"
        case .moderator: "Moderator"
        case .boardMember: "Board member"
        case .supplierUser: "Supplier user"
        }
    }

    public var summary: String {
        switch self {
        case .administrator: "Manages users, roles and settings; reads the audit trail."
        case .officer: "Strategy team: runs the catalogue, objectives and exercises."
        case .evaluator: "Senior manager who scores responses independently."
        case .moderator: "Agrees consensus scores with recorded reasons."
        case .boardMember: "Councillor or Project Board member who reads reports."
        case .supplierUser: "Answers for an interested organisation."
        }
    }
}
