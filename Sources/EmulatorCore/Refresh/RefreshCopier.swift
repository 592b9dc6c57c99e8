import GenesysWire

/// What each domain copies from production into the sandbox when its phase completes. A copy
/// replaces the kind whole: the sandbox's own objects of it are deleted, its edited copies
/// overwritten (production's ids are kept). The guide names the domains but not which owns
/// each kind; where it is silent, ONE assumption per kind (also in docs/live-platform.md):
///
/// - ROUTING: queues, skills, wrap-up codes (routing objects, configured beside queues), and
///   outbound campaigns (the outbound dialer routes to queues).
/// - ARCHITECT: flows (with their references, as production has them), data tables,
///   schedules and schedule groups (Architect objects, under `/api/v2/architect`), and process
///   automation triggers (they start Architect workflows). Rows of tables production also has
///   stay as the sandbox has them; rows of new tables arrive empty; the sandbox's own tables go
///   with their rows.
/// - ADMIN: users (hard replacement unless `preserveSandboxUsers`, which merges instead),
///   integrations with their configuration, credentials and data actions (organization
///   integrations administration), plus customer data; with ALL also trunks and their trunk
///   base settings, carrier registrations included.
/// - WFM: takes time, copies nothing the emulator models.
/// - ICM: customer data: external contacts and data-table rows (replacing the sandbox's rows
///   of every table, its test rows included).
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
            sandbox.wrapupCodes = production.wrapupCodes
            sandbox.campaigns = production.campaigns
        case .architect:
            sandbox.flows = production.flows
            let kept = Set(production.dataTables.map(\.id))
            sandbox.dataTables = production.dataTables
            sandbox.dataTableRows = sandbox.dataTableRows.filter { kept.contains($0.key) }
            sandbox.schedules = production.schedules
            sandbox.scheduleGroups = production.scheduleGroups
            sandbox.triggers = production.triggers
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
            sandbox.integrations = production.integrations
            sandbox.integrationConfigs = production.integrationConfigs
            sandbox.credentials = production.credentials
            sandbox.dataActions = production.dataActions
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
