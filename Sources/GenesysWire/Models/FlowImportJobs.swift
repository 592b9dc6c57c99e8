/// `POST /api/v2/flows/jobs` body (`RegisterArchitectJobRequest`). The job starts when the
/// file is PUT to the answer's `presignedUrl`.
public struct FlowImportJobRequest: Sendable, Hashable, Codable {
    public var createStubs: Bool?

    public init(createStubs: Bool? = nil) { self.createStubs = createStubs }
}

/// The answer to registering an import job (`RegisterArchitectJobResponse`): where to PUT the
/// flow file, without the bearer token and with exactly `headers`.
public struct FlowImportJobRegistration: Sendable, Hashable, Codable {
    public var id: String
    public var presignedUrl: String?
    public var headers: [String: String]?
    public var selfUri: String?

    public init(id: String, presignedUrl: String, headers: [String: String]) {
        self.id = id
        self.presignedUrl = presignedUrl
        self.headers = headers
        self.selfUri = "/api/v2/flows/jobs/\(id)"
    }
}

/// `GET /api/v2/flows/jobs/{jobId}` (`ArchitectJobStateResponse`): `Registered` until the file
/// arrives, then `Started`, then `Success` with the flow it created or updated, or `Failure`
/// with messages saying why.
public struct FlowImportJobState: Sendable, Hashable, Codable {
    public var id: String
    public var flow: EntityRef?
    public var status: ValidateJobStatus?
    /// `Create` or `Update` once known; `Publish` on the platform for a publishing import.
    public var command: String?
    public var messages: [ValidateJobMessage]?
    public var selfUri: String?

    public init(id: String, flow: EntityRef?, status: ValidateJobStatus, command: String?, messages: [ValidateJobMessage]?) {
        self.id = id
        self.flow = flow
        self.status = status
        self.command = command
        self.messages = messages
        self.selfUri = "/api/v2/flows/jobs/\(id)"
    }
}
