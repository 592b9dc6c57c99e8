import GenesysWire

/// What each domain copies from production into the sandbox when its phase completes.
///
/// - ROUTING: queues and skills.
/// - ARCHITECT: flows (with their references, as production has them) and data tables;
///   rows of tables the sandbox keeps stay, rows of new tables arrive empty.
/// - ADMIN: users (hard replacement unless `preserveSandboxUsers`, which merges instead), plus
///   customer data; with ALL also trunks and their trunk base settings, carrier registrations included.
/// - WFM: takes time, copies nothing the emulator models.
/// - ICM: customer data: external contacts and data-table rows.
///
/// Customer data is copied once per job, through the payload's masking (unmasked unless asked).
enum RefreshCopier {
    /// Returns true when the sandbox's users were replaced (their tokens must die).
    static func apply(_ domain: RefreshDomain, of job: RefreshJob, from production: OrgData, to sandbox: inout OrgData,
                      customerDataCopied: inout Bool) -> Bool {
        switch domain {
        case .routing:
            sandbox.queues = production.queues
            sandbox.skills = production.skills
        case .architect:
            sandbox.flows = production.flows
            let kept = Set(production.dataTables.map(\.id))
            sandbox.dataTables = production.dataTables
            sandbox.dataTableRows = sandbox.dataTableRows.filter { kept.contains($0.key) }
        case .admin:
            var replaced = false
            if job.request.preserveSandboxUsers {
                let present = Set(sandbox.users.map(\.id))
                sandbox.users += production.users.filter { !present.contains($0.id) }
            } else {
                sandbox.users = production.users
                sandbox.sessions = []
                replaced = true
            }
            if job.scope.isAll {
                // Trunks arrive with their trunk base settings, registration included.
                sandbox.trunks = production.trunks
                sandbox.trunkBases = production.trunkBases
            }
            copyCustomerData(job, from: production, to: &sandbox, done: &customerDataCopied)
            return replaced
        case .wfm:
            break
        case .icm:
            copyCustomerData(job, from: production, to: &sandbox, done: &customerDataCopied)
        }
        return false
    }

    private static func copyCustomerData(_ job: RefreshJob, from production: OrgData, to sandbox: inout OrgData, done: inout Bool) {
        guard !done else { return }
        done = true
        let masker = Masker(maskPii: job.request.maskPii ?? false, rules: job.request.maskingRules ?? [])
        sandbox.contacts = masker.isIdentity ? production.contacts : production.contacts.map { masker.mask($0) }
        let tables = Dictionary(production.dataTables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [String: [[String: JSONValue]]] = [:]
        for (tableId, tableRows) in production.dataTableRows {
            rows[tableId] = masker.isIdentity ? tableRows : tableRows.map { masker.mask(row: $0, table: tables[tableId]) }
        }
        sandbox.dataTableRows = rows
    }
}
