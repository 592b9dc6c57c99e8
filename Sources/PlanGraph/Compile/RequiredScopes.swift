import RefreshPlan

/// The OAuth scopes each organization's client needs for what the plan does (guide: sandbox:refresh,
/// sandbox:view, architect:flow:view, routing:queue:view, admin).
enum RequiredScopes {
    static func `for`(_ org: Organization, plan: Plan) -> [String] {
        var scopes: [String] = []
        switch org {
        case .production:
            if let scan = plan.dependencyScan {
                if scan.compare.contains(.queues) || scan.compare.contains(.skills) { scopes.append("routing:queue:view") }
                if scan.compare.contains(.flows) { scopes.append("architect:flow:view") }
            }
            if plan.refresh.scope.isAll { scopes.append("admin") }
        case .sandbox:
            scopes += ["sandbox:refresh", "sandbox:view"]
            if plan.gates.validateFlows != nil { scopes.append("architect:flow:view") }
            if plan.dependencyScan != nil { scopes.append("routing:queue:view") }
            let sessions = plan.refresh.scope.isAll && !plan.refresh.preserveSandboxUsers
            if sessions || plan.gates.piiScan != nil || plan.refresh.scope.isAll { scopes.append("admin") }
        }
        var seen = Set<String>()
        return scopes.filter { seen.insert($0).inserted }
    }
}
