import Foundation

/// The guide's refresh job states. Unknown values survive decoding so a newer platform does
/// not break an older tool.
public enum RefreshStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case queued, inProgress, completed, failed
    case other(String)

    public init(wire: String) {
        switch wire {
        case "QUEUED": self = .queued
        case "IN_PROGRESS": self = .inProgress
        case "COMPLETED": self = .completed
        case "FAILED": self = .failed
        default: self = .other(wire)
        }
    }

    public var wireValue: String {
        switch self {
        case .queued: return "QUEUED"
        case .inProgress: return "IN_PROGRESS"
        case .completed: return "COMPLETED"
        case .failed: return "FAILED"
        case .other(let value): return value
        }
    }

    /// QUEUED and IN_PROGRESS hold the sandbox's refresh lock.
    public var isActive: Bool { self == .queued || self == .inProgress }
    public var isTerminal: Bool { self == .completed || self == .failed }

    public init(from decoder: any Decoder) throws {
        self.init(wire: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }

    public var description: String { wireValue }
}

/// A masking rule as sent in the refresh payload; the emulator applies it to copied customer data.
public struct WireMaskingRule: Sendable, Hashable, Codable {
    public var object: String?
    public var field: String?
    public var dataTable: String?
    public var column: String?
    /// `redact`, `partial`, `hash` or `tokenize`.
    public var action: String
    public var keepFirst: Int?
    public var keepLast: Int?

    public init(object: String? = nil, field: String? = nil, dataTable: String? = nil, column: String? = nil, action: String, keepFirst: Int? = nil, keepLast: Int? = nil) {
        self.object = object
        self.field = field
        self.dataTable = dataTable
        self.column = column
        self.action = action
        self.keepFirst = keepFirst
        self.keepLast = keepLast
    }
}

/// `POST /api/v2/sandboxes/{sandboxId}/refreshes` body.
public struct RefreshRequest: Sendable, Hashable, Codable {
    /// Comma-joined domains: `"ARCHITECT,ROUTING"` or `"ALL"`.
    public var scope: String
    public var description: String
    public var preserveSandboxUsers: Bool
    public var maskPii: Bool?
    public var maskingRules: [WireMaskingRule]?

    public init(scope: String, description: String, preserveSandboxUsers: Bool, maskPii: Bool? = nil, maskingRules: [WireMaskingRule]? = nil) {
        self.scope = scope
        self.description = description
        self.preserveSandboxUsers = preserveSandboxUsers
        self.maskPii = maskPii
        self.maskingRules = maskingRules
    }
}

/// A refresh job as `GET .../refreshes/{refreshId}` returns it. The guide's example sends
/// `completedDate` and `errorMessage` as `null` while the job runs, so they are always encoded.
public struct Refresh: Sendable, Hashable, Codable {
    public var id: String
    public var sandboxId: String
    public var status: RefreshStatus
    public var progress: Int
    public var scope: String
    public var description: String?
    public var createdDate: Date
    public var completedDate: Date?
    public var errorMessage: String?
    public var preserveSandboxUsers: Bool
    public var selfUri: String?

    public init(id: String, sandboxId: String, status: RefreshStatus, progress: Int, scope: String, description: String?, createdDate: Date, completedDate: Date?, errorMessage: String?, preserveSandboxUsers: Bool) {
        self.id = id
        self.sandboxId = sandboxId
        self.status = status
        self.progress = progress
        self.scope = scope
        self.description = description
        self.createdDate = createdDate
        self.completedDate = completedDate
        self.errorMessage = errorMessage
        self.preserveSandboxUsers = preserveSandboxUsers
        self.selfUri = "/api/v2/sandboxes/\(sandboxId)/refreshes/\(id)"
    }

    enum CodingKeys: String, CodingKey {
        case id, sandboxId, status, progress, scope, description, createdDate, completedDate, errorMessage, preserveSandboxUsers, selfUri
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        sandboxId = try c.decodeIfPresent(String.self, forKey: .sandboxId) ?? ""
        status = try c.decode(RefreshStatus.self, forKey: .status)
        progress = try c.decodeIfPresent(Int.self, forKey: .progress) ?? 0
        scope = try c.decodeIfPresent(String.self, forKey: .scope) ?? ""
        description = try c.decodeIfPresent(String.self, forKey: .description)
        // A job without a readable creation date counts as brand new: never stale, never aborted.
        createdDate = c.decodeWireDate(.createdDate) ?? .distantFuture
        completedDate = c.decodeWireDate(.completedDate)
        errorMessage = try c.decodeIfPresent(String.self, forKey: .errorMessage)
        preserveSandboxUsers = try c.decodeIfPresent(Bool.self, forKey: .preserveSandboxUsers) ?? false
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(sandboxId, forKey: .sandboxId)
        try c.encode(status, forKey: .status)
        try c.encode(progress, forKey: .progress)
        try c.encode(scope, forKey: .scope)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encode(WireCoding.timestamp(createdDate), forKey: .createdDate)
        // null while running, as in the guide's example.
        try c.encode(completedDate.map(WireCoding.timestamp), forKey: .completedDate)
        try c.encode(errorMessage, forKey: .errorMessage)
        try c.encode(preserveSandboxUsers, forKey: .preserveSandboxUsers)
        try c.encodeIfPresent(selfUri, forKey: .selfUri)
    }

    /// The timestamp as the platform wrote it, for messages.
    public var createdText: String { WireCoding.timestamp(createdDate) }
}

/// `GET /api/v2/sandboxes/{sandboxId}/refreshes`.
public struct RefreshListing: Sendable, Hashable, Codable {
    public var entities: [Refresh]

    public init(entities: [Refresh]) {
        self.entities = entities
    }
}
