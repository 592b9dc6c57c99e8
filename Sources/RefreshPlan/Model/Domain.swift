/// A configuration domain the platform copies during a refresh.
public enum Domain: String, CaseIterable, Sendable, Codable, Hashable {
    case ROUTING, ARCHITECT, ADMIN, WFM, ICM

    /// The order in which the platform provisions domains: admin settings reference queue and
    /// skill ids, flows reference queues. Every later stage sorts by this list, written once here.
    public static let dependencyOrder: [Domain] = [.ROUTING, .ARCHITECT, .ADMIN, .WFM, .ICM]

    /// Position in `dependencyOrder`, for sorting.
    public var rank: Int { Domain.dependencyOrder.firstIndex(of: self) ?? Domain.dependencyOrder.count }

    public var brings: String {
        switch self {
        case .ROUTING: return "queues, skills, wrap-up codes and routing settings"
        case .ARCHITECT: return "Architect flows, prompts and data tables"
        case .ADMIN: return "organization settings, roles, groups and divisions (references queues and skills)"
        case .WFM: return "workforce management units, schedules and forecasts"
        case .ICM: return "interaction and case history, customer data (PII unless masked)"
        }
    }

    public var breaksIfOmitted: String {
        switch self {
        case .ROUTING: return "flows that reference new queues or skills fail with OBJECT_NOT_FOUND"
        case .ARCHITECT: return "the sandbox keeps its old flows; routing changes are not exercised by them"
        case .ADMIN: return "sandbox roles and settings drift from production"
        case .WFM: return "schedules and forecasts in the sandbox are stale"
        case .ICM: return "no production interaction history in the sandbox (usually what you want)"
        }
    }

    /// Domains whose copy carries customer data the guide says must be masked (edge case 3).
    public var carriesCustomerData: Bool { self == .ICM || self == .ADMIN }
}
