import GenesysWire
import Timekeeping

/// What the emulator does with one request: answer it, or fail below HTTP.
public enum EmulatorReply: Sendable, Hashable {
    case response(WireResponse)
    /// `.dropped` (no response at all) or `.connectionReset` (headers and part of the body,
    /// then a reset). Either way the request itself was processed.
    case transportFailure(TransportError)

    public var response: WireResponse? {
        if case .response(let response) = self { return response }
        return nil
    }
}

/// A reply with what an HTTP server needs to fake a reset faithfully: the response whose
/// head and first `bytesBeforeReset` body bytes go out before the connection is cut.
public struct ServedReply: Sendable, Hashable {
    public var reply: EmulatorReply
    public var partial: WireResponse?
    public var bytesBeforeReset: Int

    public init(reply: EmulatorReply, partial: WireResponse? = nil, bytesBeforeReset: Int = 0) {
        self.reply = reply
        self.partial = partial
        self.bytesBeforeReset = bytesBeforeReset
    }
}

/// Ready-to-use credentials of one organization.
public struct EmulatedOrganization: Sendable, Hashable, Codable {
    /// `production` or the sandbox id.
    public var name: String
    public var orgId: String
    public var clientId: String
    public var clientSecret: String
    public var scopes: [String]

    public init(name: String, orgId: String, clientId: String, clientSecret: String, scopes: [String]) {
        self.name = name
        self.orgId = orgId
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
    }

    public var isProduction: Bool { name == World.productionName }
}

/// What `GET /emulator/stats` reports: counts over every request the emulated API answered.
public struct EmulatorRequestStats: Sendable, Hashable, Codable {
    public var total: Int
    /// How many of them `/emulator/requests` still holds (the most recent).
    public var kept: Int
    /// Per status (`"200"`, `"429"`; `"none"` for dropped responses).
    public var statuses: [String: Int]
    /// Per method and path template (`GET /api/v2/routing/queues/{id}`).
    public var routes: [String: Int]

    public init(total: Int, kept: Int, statuses: [String: Int], routes: [String: Int]) {
        self.total = total
        self.kept = kept
        self.statuses = statuses
        self.routes = routes
    }
}

public struct LoggedRequest: Sendable, Hashable {
    public var method: String
    /// Path with query.
    public var path: String
    public var organization: String?
    /// nil when the response never left (dropped).
    public var status: Int?
    public var fault: String?
    public var correlationId: String
    public var moment: Moment
}

public struct FiredFault: Sendable, Hashable {
    /// The rule's name, or `rule[i]` by its place in the file.
    public var rule: String
    public var kind: FaultKind
    /// The request it hit (for timed faults: the request that observed the moment passing).
    public var method: String?
    public var path: String?
    public var organization: String?
    /// When it fired on the injected clock (for timed faults: its declared moment).
    public var moment: Moment
    public var detail: String
}
