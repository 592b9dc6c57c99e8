import Foundation

/// `POST /api/v2/flows/validate/jobs` body (the platform's `RegisterArchitectValidateJob`):
/// each flow by id (or by name and type).
public struct ValidateJobRequest: Sendable, Hashable, Codable {
    public struct FlowReference: Sendable, Hashable, Codable {
        public var id: String?
        public var name: String?
        public var type: FlowType?

        public init(id: String?, name: String? = nil, type: FlowType? = nil) {
            self.id = id
            self.name = name
            self.type = type
        }
    }

    public struct Details: Sendable, Hashable, Codable {
        public var flow: FlowReference

        public init(flow: FlowReference) { self.flow = flow }
    }

    public var flows: [Details]

    public init(flowIds: [String]) {
        flows = flowIds.map { Details(flow: FlowReference(id: $0)) }
    }
}

/// `Registered`, `Started`, `Success` or `Failure`; unknown values survive decoding.
public enum ValidateJobStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case registered, started, success, failure
    case other(String)

    public init(wire: String) {
        switch wire {
        case "Registered": self = .registered
        case "Started": self = .started
        case "Success": self = .success
        case "Failure": self = .failure
        default: self = .other(wire)
        }
    }

    public var wireValue: String {
        switch self {
        case .registered: return "Registered"
        case .started: return "Started"
        case .success: return "Success"
        case .failure: return "Failure"
        case .other(let value): return value
        }
    }

    public var isTerminal: Bool { self == .success || self == .failure }

    public init(from decoder: any Decoder) throws { self.init(wire: try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }

    public var description: String { wireValue }
}

/// The answer to registering a job (`RegisterArchitectValidateJobResponse`).
public struct ValidateJobRegistration: Sendable, Hashable, Codable {
    public var id: String
    public var status: ValidateJobStatus?
    public var totalFlows: Int?
    public var selfUri: String?

    public init(id: String, status: ValidateJobStatus, totalFlows: Int) {
        self.id = id
        self.status = status
        self.totalFlows = totalFlows
        self.selfUri = "/api/v2/flows/validate/jobs/\(id)"
    }
}

/// One message of a validate job (`ArchitectJobMessage`): free text, typed `Error`,
/// `Warning` or `Unknown`.
public struct ValidateJobMessage: Sendable, Hashable, Codable {
    public var dateTime: Date?
    public var type: String?
    public var text: String?

    public init(dateTime: Date?, type: String, text: String) {
        self.dateTime = dateTime
        self.type = type
        self.text = text
    }

    enum CodingKeys: String, CodingKey { case dateTime, type, text }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dateTime = c.decodeWireDate(.dateTime)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        text = try c.decodeIfPresent(String.self, forKey: .text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeWireDate(dateTime, forKey: .dateTime)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(text, forKey: .text)
    }
}

/// `GET /api/v2/flows/validate/jobs/{jobId}` (`ArchitectValidateJobStateResponse`).
public struct ValidateJobState: Sendable, Hashable, Codable {
    public var id: String
    public var status: ValidateJobStatus?
    /// `Validate` for these jobs.
    public var command: String?
    public var messages: [ValidateJobMessage]?
    public var selfUri: String?

    public init(id: String, status: ValidateJobStatus, messages: [ValidateJobMessage]?) {
        self.id = id
        self.status = status
        self.command = "Validate"
        self.messages = messages
        self.selfUri = "/api/v2/flows/validate/jobs/\(id)"
    }
}
