import GenesysWire

/// The endpoints the emulator serves, recognised from method and path.
enum Route: Sendable, Hashable {
    case token
    case tokensMe
    case revokeMe
    case revokeUser(String)
    case organizationsMe
    case listing(Endpoint.Listing)
    case entity(Endpoint.Listing, String)
    case submitValidateJob
    case getValidateJob(String)
    case dataTableRows(String)
    case listRefreshes(String)
    case submitRefresh(String)
    case getRefresh(String, String)
    case abortRefresh(String, String)
    case validateFlows
    // The reference's sandbox-writes part (see Route+SandboxWrites.swift).
    case create(Endpoint.Listing)
    case update(Endpoint.Listing, String)
    case dataTableRow(String, String)
    case createDataTableRow(String)
    case updateDataTableRow(String, String)
    case flowConfiguration(String)
    case submitExportJob
    case getExportJob(String)
    case submitImportJob
    case getImportJob(String)
    case integrationConfig(String)
    case updateIntegrationConfig(String)
    case listTriggers
    case getTrigger(String)
    case updateTrigger(String)
    case presignedDownload(String)
    case presignedUpload(String)

    /// nil: no such endpoint (404 `not.found`).
    static func resolve(method: HTTPMethod, path: String) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments == ["oauth", "token"] { return method == .post ? .token : nil }
        if let presigned = resolvePresigned(method: method, path: path) { return presigned }
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v2" else { return nil }
        let rest = Array(segments.dropFirst(2))
        if let write = resolveSandboxWrites(method: method, rest: rest) { return write }
        switch (method, rest.count) {
        case (.get, 2) where rest == ["tokens", "me"]: return .tokensMe
        case (.delete, 2) where rest == ["tokens", "me"]: return .revokeMe
        case (.delete, 2) where rest[0] == "tokens": return .revokeUser(rest[1])
        case (.get, 2) where rest == ["organizations", "me"]: return .organizationsMe
        case (.post, 3) where rest == ["architect", "flows", "validate"]: return .validateFlows
        case (.post, 3) where rest == ["flows", "validate", "jobs"]: return .submitValidateJob
        case (.get, 4) where rest[0] == "flows" && rest[1] == "validate" && rest[2] == "jobs": return .getValidateJob(rest[3])
        case (.get, 4) where rest[0] == "flows" && rest[1] == "datatables" && rest[3] == "rows": return .dataTableRows(rest[2])
        case (_, 3) where rest[0] == "sandboxes" && rest[2] == "refreshes":
            switch method {
            case .get: return .listRefreshes(rest[1])
            case .post: return .submitRefresh(rest[1])
            default: return nil
            }
        case (_, 4) where rest[0] == "sandboxes" && rest[2] == "refreshes":
            switch method {
            case .get: return .getRefresh(rest[1], rest[3])
            case .delete: return .abortRefresh(rest[1], rest[3])
            default: return nil
            }
        case (.get, _):
            let full = "/" + segments.joined(separator: "/")
            if let listing = Endpoint.Listing.allCases.first(where: { $0.path == full }) { return .listing(listing) }
            let parent = "/" + segments.dropLast().joined(separator: "/")
            return Endpoint.Listing.allCases.first { $0.path == parent && $0.hasGetById }.map { Route.entity($0, segments[segments.count - 1]) }
        default:
            return nil
        }
    }

    /// The path with its identifiers named, for per-route request counts (`/emulator/stats`).
    var template: String {
        switch self {
        case .token: return "/oauth/token"
        case .tokensMe, .revokeMe: return "/api/v2/tokens/me"
        case .revokeUser: return "/api/v2/tokens/{userId}"
        case .organizationsMe: return "/api/v2/organizations/me"
        case .listing(let listing): return listing.path
        case .entity(let listing, _): return listing.path + "/{id}"
        case .submitValidateJob: return "/api/v2/flows/validate/jobs"
        case .getValidateJob: return "/api/v2/flows/validate/jobs/{jobId}"
        case .dataTableRows: return "/api/v2/flows/datatables/{datatableId}/rows"
        case .listRefreshes, .submitRefresh: return "/api/v2/sandboxes/{sandboxId}/refreshes"
        case .getRefresh, .abortRefresh: return "/api/v2/sandboxes/{sandboxId}/refreshes/{refreshId}"
        case .validateFlows: return "/api/v2/architect/flows/validate"
        default: return sandboxWritesTemplate ?? "(unknown)"
        }
    }

    /// Scopes any one of which allows the call; `admin` allows everything; empty: no permission needed.
    var requiredScopes: [String] {
        switch self {
        case .token, .tokensMe, .revokeMe, .organizationsMe: return []
        case .submitRefresh, .abortRefresh: return ["sandbox:refresh"]
        case .listRefreshes, .getRefresh: return ["sandbox:view", "sandbox:refresh"]
        case .validateFlows, .dataTableRows, .submitValidateJob, .getValidateJob: return ["architect:flow:view"]
        case .listing(let listing), .entity(let listing, _), .create(let listing), .update(let listing, _): return Self.scopes(of: listing)
        case .revokeUser: return ["admin"]
        case .dataTableRow, .createDataTableRow, .updateDataTableRow, .flowConfiguration, .submitExportJob, .getExportJob, .submitImportJob, .getImportJob:
            return ["architect:flow:view"]
        case .integrationConfig, .updateIntegrationConfig, .listTriggers, .getTrigger, .updateTrigger: return ["admin"]
        case .presignedDownload, .presignedUpload: return []
        }
    }
}
