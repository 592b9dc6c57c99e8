import Foundation
import GenesysWire
import Impact

extension StepPasses {
    /// Before anything changes: what the refresh would add, overwrite and delete, object by
    /// object, over the widest scope the run can reach; then the plan's protection.
    static func impact(_ b: inout GraphBuilder) {
        let settings = SettingsMapping.impact(b.plan)
        guard !settings.coverage.isEmpty else { return }
        let pageSize = settings.pageSize
        var requests: [PlannedRequest] = []
        for coverage in settings.coverage {
            let kind = coverage.kind
            var query = [APIRequest.QueryItem("pageNumber", "1"), .init("pageSize", String(pageSize))]
            if kind == .dataTable { query.append(.init("expand", "schema")) }
            if kind == .dataTableRows { query.append(.init("showbrief", "false")) }
            let listing = APIRequest(.get, kind.listingPath, query: query, operation: "impact.\(kind.rawValue).list")
            let note = kind == .dataTableRows ? "every page, for each table both organizations have" : "every page"
            requests.append(PlannedRequest(.production, listing, repeatNote: note))
            requests.append(PlannedRequest(.sandbox, listing, repeatNote: note))
            if kind == .flow {
                let configuration = APIRequest(.get, "/api/v2/flows/{flowId}/latestconfiguration", operation: "impact.flow.configuration")
                requests.append(PlannedRequest(.production, configuration, repeatNote: "only for a flow whose version records differ"))
                requests.append(PlannedRequest(.sandbox, configuration, repeatNote: "only for a flow whose version records differ"))
            }
        }
        let protection: String
        switch settings.protection.mode {
        case .snapshot: protection = "keep a snapshot of every object at risk, then go on (protection.onRisk: snapshot)"
        case .refuse: protection = "stop before the submission with exit 9, listing every object at risk (protection.onRisk: refuse)"
        case .allow: protection = "go on: the plan accepts the loss (protection.onRisk: allow)"
        }
        var summary = [
            "Compare production and sandbox object by object over the widest scope the run can reach (\(settings.widestScope.wireValue)): \(settings.coverage.map { "\($0.kind.plural) (\($0.domain.rawValue))" }.joined(separator: ", ")).",
            "Each object is added (+), replaced and the same (=), replaced though changed in the sandbox (~), or removed because only the sandbox has it (-). Ids match first, then names (flows by name and type, users by email).",
            "On sandbox work at risk: \(protection).",
        ]
        if !settings.protection.exempt.isEmpty {
            summary.append("Exempt (never at risk): \(settings.protection.exempt.map(\.description).joined(separator: ", ")).")
        }
        // Targets listening for `impact` hear the summary before the submission.
        for entry in b.plan.notify?.allTargets ?? [] where entry.target.on.contains(.impact) {
            requests.append(PlannedRequest(.webhook, APIRequest(.post, "\(entry.target.url)", operation: "notify.\(entry.target.channel.rawValue)"),
                                           repeatNote: "\(entry.target.channel.rawValue) on impact, only when sandbox work is at risk"))
        }
        b.add(PlanNode(
            .impact(settings),
            title: "Impact: what the refresh destroys in the sandbox",
            summary: summary,
            requests: requests,
            onFailure: settings.protection.mode == .refuse
                ? "sandbox work at risk ends the run with exit 9 (impact-refused) before anything is submitted; a failed read ends it before submission"
                : "a failed read ends the run before submission"))
    }

    /// With `protection.onRisk: snapshot`: every object at risk (or every object, with
    /// `snapshot.contents: all`) is kept before the submission, flows through export jobs.
    static func snapshot(_ b: inout GraphBuilder) {
        guard b.has("impact"), b.plan.protection.onRisk == .snapshot else { return }
        let settings = SettingsMapping.snapshot(b.plan)
        let what = settings.contents == .all ? "every sandbox object of the kinds the refresh replaces" : "every sandbox object the impact found at risk (deleted or overwritten, not exempt)"
        var summary = [
            "Keep \(what) in \(settings.directory)/\(b.plan.sandbox.id)/{run-id}/: the platform's own JSON (get-by-id), data tables with their schema and rows, flows as export files (\(settings.flowBatchSize) per export job, Yaml).",
            "Directories 0700, files 0600, manifest.json (kind, name, id, SHA-256, size) written last; the artifacts carry only names and hashes. The submission waits until the snapshot is complete; a resumed run completes it.",
            "Keep the last \(settings.keep) snapshot(s) of \(b.plan.sandbox.id); older complete ones are removed (snapshot.keep).",
        ]
        if let key = settings.encryptionKey { summary.append("Every file is sealed with AES-GCM under \(key) (snapshot.encryptionKey).") }
        b.add(PlanNode(
            .snapshot(settings),
            title: "Snapshot the sandbox objects at risk",
            summary: summary,
            requests: [
                PlannedRequest(.sandbox, APIRequest(.get, "/api/v2/routing/queues/{id}", operation: "snapshot.object"), repeatNote: "get-by-id of each object kept (its kind's path)"),
                PlannedRequest(.sandbox, APIRequest(.get, "/api/v2/flows/datatables/{datatableId}/rows", query: [.init("pageSize", "100"), .init("showbrief", "false")], operation: "snapshot.rows"), repeatNote: "every page, for each data table kept"),
                PlannedRequest(.sandbox, APIRequest(.post, "/api/v2/flows/export/jobs", body: Data(#"{"flows":[{"exportType":"Yaml","flow":{"id":"{flowId}"}}]}"#.utf8), operation: "snapshot.flows.export"), repeatNote: "one job per \(settings.flowBatchSize) flows"),
                PlannedRequest(.sandbox, APIRequest(.get, "/api/v2/flows/export/jobs/{jobId}", operation: "snapshot.flows.export.get"), repeatNote: "until Success or Failure, then one GET of its downloadUrl"),
            ],
            onFailure: "the run ends before submission: nothing is refreshed without a complete snapshot"))
    }

    /// After each completed refresh, before its gates: the preserved objects are put back from
    /// the snapshot with the platform's own writes (read, compare, write what differs).
    static func restore(_ b: inout GraphBuilder, _ chain: Chain) {
        guard b.has("snapshot"), !b.plan.preserve.isEmpty else { return }
        let globs = b.plan.preserve.compactMap(NameGlob.init(parsing:))
        let settings = RestoreSettings(preserve: globs, encryptionKey: b.plan.snapshot.encryptionKey.map(SecretReference.init))
        b.add(PlanNode(
            .restore(chain, settings),
            title: "Restore the preserved objects\(chain == .expansion ? " (expanded scope)" : "")",
            summary: [
                "Put back from this run's snapshot every object matching \(globs.map(\.description).joined(separator: ", ")) (preserve), before the gates judge the sandbox.",
                "By name: absent → create; same id, different content → update; a name now used by production's object → reported, not overwritten. References are remapped to the refreshed sandbox's objects by name; flows go through import jobs.",
                "Whatever cannot be put back is listed with the reason (no write endpoint, a reference to an object that no longer exists, a name taken); the run then ends with exit 12 (restore-incomplete) after its gates.",
            ],
            requests: [
                PlannedRequest(.sandbox, APIRequest(.get, "{kind's listing}", query: [.init("pageSize", "100")], operation: "restore.list"), repeatNote: "every page of each preserved kind"),
                PlannedRequest(.sandbox, APIRequest(.post, "{kind's listing}", body: Data(#"{"name":"{name}", ...}"#.utf8), operation: "restore.create"), repeatNote: "only for an object the sandbox lacks"),
                PlannedRequest(.sandbox, APIRequest(.put, "{kind's listing}/{id}", body: Data(#"{"name":"{name}","version":{version}, ...}"#.utf8), operation: "restore.update"), repeatNote: "only for an object whose content differs"),
                PlannedRequest(.sandbox, APIRequest(.post, "/api/v2/flows/jobs", body: Data("{}".utf8), operation: "restore.flow.import"), repeatNote: "one import job per preserved flow, its file PUT to the job's presignedUrl without the bearer token"),
                PlannedRequest(.sandbox, APIRequest(.get, "/api/v2/flows/jobs/{jobId}", operation: "restore.flow.import.get"), repeatNote: "until Success or Failure"),
            ],
            onFailure: "an API failure ends the run; objects that cannot be put back do not stop the gates"))
    }
}
