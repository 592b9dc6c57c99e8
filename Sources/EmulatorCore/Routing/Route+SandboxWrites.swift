import GenesysWire

/// The routes of the reference's `sandbox-writes` part besides plain listings and get-by-id,
/// and the emulator's presigned file URLs (outside `/api/v2`, served without a bearer token,
/// as the platform's presigned storage URLs are).
extension Route {
    static let exportFilesPath = "/presigned/flow-exports/"
    static let importFilesPath = "/presigned/flow-imports/"

    /// Listings the reference lets a client create in (`POST {path}`).
    static let creatable: Set<Endpoint.Listing> = [.queues, .skills, .wrapupCodes, .schedules, .scheduleGroups, .dataTables]
    /// Listings the reference lets a client update (`PUT {path}/{id}`).
    static let updatable: Set<Endpoint.Listing> = [.queues, .wrapupCodes, .schedules, .scheduleGroups, .dataTables, .credentials, .campaigns,
                                                   .trunkBaseSettings]

    static func resolvePresigned(method: HTTPMethod, path: String) -> Route? {
        if method == .get, path.hasPrefix(exportFilesPath), path.count > exportFilesPath.count {
            return .presignedDownload(String(path.dropFirst(exportFilesPath.count)))
        }
        if method == .put, path.hasPrefix(importFilesPath), path.count > importFilesPath.count {
            return .presignedUpload(String(path.dropFirst(importFilesPath.count)))
        }
        return nil
    }

    /// `rest`: the path's segments after `/api/v2`.
    static func resolveSandboxWrites(method: HTTPMethod, rest: [String]) -> Route? {
        let full = "/api/v2/" + rest.joined(separator: "/")
        switch (method, rest.count) {
        case (.post, 3) where rest == ["flows", "export", "jobs"]: return .submitExportJob
        case (.get, 4) where rest[0] == "flows" && rest[1] == "export" && rest[2] == "jobs": return .getExportJob(rest[3])
        case (.post, 2) where rest == ["flows", "jobs"]: return .submitImportJob
        case (.get, 3) where rest[0] == "flows" && rest[1] == "jobs": return .getImportJob(rest[2])
        case (.get, 3) where rest[0] == "flows" && rest[2] == "latestconfiguration": return .flowConfiguration(rest[1])
        case (.get, 5) where rest[0] == "flows" && rest[1] == "datatables" && rest[3] == "rows": return .dataTableRow(rest[2], rest[4])
        case (.post, 4) where rest[0] == "flows" && rest[1] == "datatables" && rest[3] == "rows": return .createDataTableRow(rest[2])
        case (.put, 5) where rest[0] == "flows" && rest[1] == "datatables" && rest[3] == "rows": return .updateDataTableRow(rest[2], rest[4])
        case (.get, 4) where rest[0] == "integrations" && rest[2] == "config" && rest[3] == "current": return .integrationConfig(rest[1])
        case (.put, 4) where rest[0] == "integrations" && rest[2] == "config" && rest[3] == "current": return .updateIntegrationConfig(rest[1])
        case (.get, 2) where rest == ["processautomation", "triggers"]: return .listTriggers
        case (.get, 3) where rest[0] == "processautomation" && rest[1] == "triggers": return .getTrigger(rest[2])
        case (.put, 3) where rest[0] == "processautomation" && rest[1] == "triggers": return .updateTrigger(rest[2])
        case (.post, _):
            return Endpoint.Listing.allCases.first { $0.path == full && creatable.contains($0) }.map(Route.create)
        case (.put, _):
            let parent = "/api/v2/" + rest.dropLast().joined(separator: "/")
            return Endpoint.Listing.allCases.first { $0.path == parent && updatable.contains($0) }.map { Route.update($0, rest[rest.count - 1]) }
        default:
            return nil
        }
    }

    /// Whether the route changes the organization it is sent to (refused on production).
    var writes: Bool {
        switch self {
        case .create, .update, .createDataTableRow, .updateDataTableRow, .submitImportJob, .updateIntegrationConfig, .updateTrigger: return true
        default: return false
        }
    }

    /// Presigned file URLs need no bearer token; the URL itself is the credential.
    var isPresigned: Bool {
        switch self {
        case .presignedDownload, .presignedUpload: return true
        default: return false
        }
    }

    /// The reference's `bodyModel` of each route that has one.
    var bodyModel: String? {
        switch self {
        case .create(let listing):
            switch listing {
            case .queues: return "CreateQueueRequest"
            case .skills: return "CreateRoutingSkill"
            case .wrapupCodes: return "WrapupCodeRequest"
            case .schedules: return "Schedule"
            case .scheduleGroups: return "ScheduleGroup"
            case .dataTables: return "DataTable"
            default: return nil
            }
        case .update(let listing, _):
            switch listing {
            case .queues: return "QueueRequest"
            case .wrapupCodes: return "WrapupCodeRequest"
            case .schedules: return "Schedule"
            case .scheduleGroups: return "ScheduleGroup"
            case .dataTables: return "DataTable"
            case .credentials: return "Credential"
            case .campaigns: return "Campaign"
            case .trunkBaseSettings: return "TrunkBase"
            default: return nil
            }
        case .submitExportJob: return "RegisterArchitectExportJob"
        case .submitImportJob: return "RegisterArchitectJobRequest"
        case .updateIntegrationConfig: return "IntegrationConfiguration"
        case .updateTrigger: return "UpdateTriggerRequest"
        default: return nil
        }
    }

    var sandboxWritesTemplate: String? {
        switch self {
        case .create(let listing): return listing.path
        case .update(let listing, _): return listing.path + "/{id}"
        case .dataTableRow, .updateDataTableRow: return "/api/v2/flows/datatables/{datatableId}/rows/{rowId}"
        case .createDataTableRow: return "/api/v2/flows/datatables/{datatableId}/rows"
        case .flowConfiguration: return "/api/v2/flows/{flowId}/latestconfiguration"
        case .submitExportJob: return "/api/v2/flows/export/jobs"
        case .getExportJob: return "/api/v2/flows/export/jobs/{jobId}"
        case .submitImportJob: return "/api/v2/flows/jobs"
        case .getImportJob: return "/api/v2/flows/jobs/{jobId}"
        case .integrationConfig, .updateIntegrationConfig: return "/api/v2/integrations/{integrationId}/config/current"
        case .listTriggers: return "/api/v2/processautomation/triggers"
        case .getTrigger, .updateTrigger: return "/api/v2/processautomation/triggers/{triggerId}"
        case .presignedDownload: return Self.exportFilesPath + "{token}"
        case .presignedUpload: return Self.importFilesPath + "{token}"
        default: return nil
        }
    }

    static func scopes(of listing: Endpoint.Listing) -> [String] {
        switch listing {
        case .queues, .skills, .wrapupCodes: return ["routing:queue:view"]
        case .flows, .dataTables, .schedules, .scheduleGroups: return ["architect:flow:view"]
        case .externalContacts, .trunks, .trunkBaseSettings, .users, .integrations, .credentials, .dataActions, .campaigns: return ["admin"]
        }
    }
}
