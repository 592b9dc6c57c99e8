import Foundation

/// Every API request the tool sends, built in one place.
public enum Endpoint {
    public static let defaultPageSize = 25

    // MARK: tokens

    public static func tokensMe() -> APIRequest {
        APIRequest(.get, "/api/v2/tokens/me", operation: "tokens.me")
    }

    public static func revokeTokens(userId: String) -> APIRequest {
        APIRequest(.delete, "/api/v2/tokens/\(userId)", operation: "tokens.revoke")
    }

    /// `GET /api/v2/organizations/me`: the organization a token belongs to.
    public static func organizationsMe() -> APIRequest {
        APIRequest(.get, "/api/v2/organizations/me", operation: "organizations.me")
    }

    // MARK: sandbox refreshes (the guide's endpoints)

    public static func listRefreshes(sandboxId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/sandboxes/\(sandboxId)/refreshes", operation: "refreshes.list")
    }

    public static func submitRefresh(sandboxId: String, _ body: RefreshRequest) -> APIRequest {
        APIRequest(.post, "/api/v2/sandboxes/\(sandboxId)/refreshes", body: WireCoding.encode(body), operation: "refreshes.submit")
    }

    public static func getRefresh(sandboxId: String, refreshId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/sandboxes/\(sandboxId)/refreshes/\(refreshId)", operation: "refreshes.get")
    }

    public static func abortRefresh(sandboxId: String, refreshId: String) -> APIRequest {
        APIRequest(.delete, "/api/v2/sandboxes/\(sandboxId)/refreshes/\(refreshId)", operation: "refreshes.abort")
    }

    // MARK: Architect validation (the guide's endpoint; it only reads, so it may be resent)

    public static func validateFlows(_ body: ValidateFlowsRequest) -> APIRequest {
        APIRequest(.post, "/api/v2/architect/flows/validate", body: WireCoding.encode(body), idempotent: true, operation: "flows.validate")
    }

    // MARK: the platform's asynchronous validation jobs

    public static func submitValidateJob(_ body: ValidateJobRequest) -> APIRequest {
        APIRequest(.post, "/api/v2/flows/validate/jobs", body: WireCoding.encode(body), operation: "flows.validate.jobs.submit")
    }

    public static func getValidateJob(jobId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/validate/jobs/\(jobId)", query: [.init("expand", "messages")], operation: "flows.validate.jobs.get")
    }

    // MARK: entity listings

    public enum Listing: String, Sendable, Hashable, Codable, CaseIterable {
        case queues, skills, flows, externalContacts, dataTables, trunks, trunkBaseSettings, users
        case wrapupCodes, schedules, scheduleGroups, integrations, credentials, dataActions, campaigns

        public var path: String {
            switch self {
            case .queues: return "/api/v2/routing/queues"
            case .skills: return "/api/v2/routing/skills"
            case .flows: return "/api/v2/flows"
            case .externalContacts: return "/api/v2/externalcontacts/contacts"
            case .dataTables: return "/api/v2/flows/datatables"
            case .trunks: return "/api/v2/telephony/providers/edges/trunks"
            case .trunkBaseSettings: return "/api/v2/telephony/providers/edges/trunkbasesettings"
            case .users: return "/api/v2/users"
            case .wrapupCodes: return "/api/v2/routing/wrapupcodes"
            case .schedules: return "/api/v2/architect/schedules"
            case .scheduleGroups: return "/api/v2/architect/schedulegroups"
            case .integrations: return "/api/v2/integrations"
            case .credentials: return "/api/v2/integrations/credentials"
            case .dataActions: return "/api/v2/integrations/actions"
            case .campaigns: return "/api/v2/outbound/campaigns"
            }
        }

        /// Whether the platform serves `GET {path}/{id}` for this listing.
        public var hasGetById: Bool { self != .users }
    }

    /// A listing's query filters as `endpoints.json` names them (`name`, `id`, `type`, `divisionId`, ...).
    public static func list(_ listing: Listing, pageNumber: Int = 1, pageSize: Int = defaultPageSize, filters: [APIRequest.QueryItem]) -> APIRequest {
        APIRequest(.get, listing.path, query: page(pageNumber, pageSize) + filters, operation: "\(listing.rawValue).list")
    }

    /// `GET {listing}/{id}`: one entity (404 `not.found` for an unknown id).
    public static func get(_ listing: Listing, id: String) -> APIRequest {
        APIRequest(.get, "\(listing.path)/\(id)", operation: "\(listing.rawValue).get")
    }

    public static func list(_ listing: Listing, pageNumber: Int = 1, pageSize: Int = defaultPageSize) -> APIRequest {
        APIRequest(.get, listing.path, query: page(pageNumber, pageSize), operation: "\(listing.rawValue).list")
    }

    /// One entity per page: the page's `total` counts the whole collection in one call.
    public static func count(_ listing: Listing) -> APIRequest {
        APIRequest(.get, listing.path, query: page(1, 1), operation: "\(listing.rawValue).count")
    }

    public static func dataTableRows(tableId: String, pageNumber: Int = 1, pageSize: Int = defaultPageSize) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/datatables/\(tableId)/rows", query: page(pageNumber, pageSize) + [.init("showbrief", "false")], operation: "datatables.rows")
    }

    private static func page(_ number: Int, _ size: Int) -> [APIRequest.QueryItem] {
        [.init("pageSize", String(size)), .init("pageNumber", String(number))]
    }
}

/// The login host's token request: `POST https://login.<domain>/oauth/token`.
public enum TokenEndpoint {
    public static let path = "/oauth/token"
    public static let formBody = "grant_type=client_credentials"

    public static func basicAuthorization(clientId: String, clientSecret: String) -> String {
        "Basic " + Data("\(clientId):\(clientSecret)".utf8).base64EncodedString()
    }
}

/// Header names shared by client and emulator.
public enum WireHeader {
    public static let correlationId = "ININ-Correlation-Id"
    public static let retryAfter = "Retry-After"
}
