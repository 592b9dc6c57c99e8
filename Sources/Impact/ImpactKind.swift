/// A kind of sandbox object a refresh replaces, with what the platform lets us read and write
/// for it (`genesys-reference/sandbox-writes`). The impact, the snapshot and the restore all
/// speak in these kinds.
public enum ImpactKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case queue, skill, wrapupCode, flow, dataTable, dataTableRows, schedule, scheduleGroup, user, trunk

    /// The listing every object of the kind is read from (`dataTableRows` is read per table).
    public var listingPath: String {
        switch self {
        case .queue: return "/api/v2/routing/queues"
        case .skill: return "/api/v2/routing/skills"
        case .wrapupCode: return "/api/v2/routing/wrapupcodes"
        case .flow: return "/api/v2/flows"
        case .dataTable: return "/api/v2/flows/datatables"
        case .dataTableRows: return "/api/v2/flows/datatables/{datatableId}/rows"
        case .schedule: return "/api/v2/architect/schedules"
        case .scheduleGroup: return "/api/v2/architect/schedulegroups"
        case .user: return "/api/v2/users"
        case .trunk: return "/api/v2/telephony/providers/edges/trunks"
        }
    }

    /// How a person names the kind in a sentence ("flows", "wrap-up codes").
    public var plural: String {
        switch self {
        case .queue: return "queues"
        case .skill: return "skills"
        case .wrapupCode: return "wrap-up codes"
        case .flow: return "flows"
        case .dataTable: return "data tables"
        case .dataTableRows: return "data table rows"
        case .schedule: return "schedules"
        case .scheduleGroup: return "schedule groups"
        case .user: return "users"
        case .trunk: return "trunks"
        }
    }

    public var singular: String {
        switch self {
        case .queue: return "queue"
        case .skill: return "skill"
        case .wrapupCode: return "wrap-up code"
        case .flow: return "flow"
        case .dataTable: return "data table"
        case .dataTableRows: return "data table's rows"
        case .schedule: return "schedule"
        case .scheduleGroup: return "schedule group"
        case .user: return "user"
        case .trunk: return "trunk"
        }
    }

    /// Why an object the refresh deletes cannot be created again, or nil when it can. The
    /// reference has a create for queues, skills, wrap-up codes, data tables and their rows,
    /// schedules and schedule groups, and flow import jobs; none for users or trunks.
    public var recreateProblem: String? {
        switch self {
        case .user: return "the reference has no write for users"
        case .trunk: return "the reference has no write for trunks"
        default: return nil
        }
    }

    /// Why an object the refresh overwrites cannot be written back, or nil when it can.
    public var overwriteProblem: String? {
        switch self {
        case .skill: return "the reference has no update for skills"
        case .user: return "the reference has no write for users"
        case .trunk: return "the reference has no write for trunks"
        default: return nil
        }
    }

    /// Field that names an object of the kind for matching across organizations when ids differ.
    public var matchField: String {
        switch self {
        case .user: return "email"
        default: return "name"
        }
    }

    public static func < (lhs: ImpactKind, rhs: ImpactKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
