import Impact

/// One kind the impact compares, and the domain whose copy replaces it.
public struct ImpactCoverage: Sendable, Hashable, Codable {
    public var kind: ImpactKind
    public var domain: RefreshDomain

    public init(_ kind: ImpactKind, _ domain: RefreshDomain) {
        self.kind = kind
        self.domain = domain
    }

    /// What a scope replaces, kind by kind (one stated assumption each, docs/live-platform.md):
    /// ROUTING queues, skills and wrap-up codes; ARCHITECT flows, data tables (their schema, and
    /// the rows of tables only the sandbox has), schedules and schedule groups; ADMIN users
    /// (unless `preserveSandboxUsers`, which merges) and, with ALL, trunks; ICM the rows of
    /// tables both organizations have.
    public static func kinds(in scope: RefreshScope, preserveSandboxUsers: Bool) -> [ImpactCoverage] {
        var kinds: [ImpactCoverage] = []
        for domain in scope.effectiveDomains {
            switch domain {
            case .ROUTING: kinds += [.init(.queue, .ROUTING), .init(.skill, .ROUTING), .init(.wrapupCode, .ROUTING)]
            case .ARCHITECT: kinds += [.init(.flow, .ARCHITECT), .init(.dataTable, .ARCHITECT), .init(.schedule, .ARCHITECT), .init(.scheduleGroup, .ARCHITECT)]
            case .ADMIN:
                if !preserveSandboxUsers { kinds.append(.init(.user, .ADMIN)) }
                if scope.isAll { kinds.append(.init(.trunk, .ADMIN)) }
            case .ICM: kinds.append(.init(.dataTableRows, .ICM))
            case .WFM: break
            }
        }
        return kinds.sorted { $0.kind < $1.kind }
    }
}

/// The impact step's settings: which kinds to compare over the widest scope the run can reach
/// (its own plus everything scope expansion can add), and what protection does with the result.
public struct ImpactSettings: Sendable, Hashable, Codable {
    public var widestScope: RefreshScope
    public var coverage: [ImpactCoverage]
    public var protection: ProtectionPolicy
    /// The listing page size: most platform listings cap `pageSize` at 100 (docs/live-platform.md).
    public var pageSize: Int

    public init(widestScope: RefreshScope, coverage: [ImpactCoverage], protection: ProtectionPolicy, pageSize: Int = 100) {
        self.widestScope = widestScope
        self.coverage = coverage
        self.protection = protection
        self.pageSize = pageSize
    }
}
