/// `POST /api/v2/flows/export/jobs` body (reference model `RegisterArchitectExportJob`): the
/// flows to export, each by id (or name and type), with the file type. `Yaml` exports name
/// their references by name, which is what makes a restore into another organization work.
public struct FlowExportJobRequest: Sendable, Hashable, Codable {
    /// `ArchitectFlowReference`.
    public struct FlowReference: Sendable, Hashable, Codable {
        public var id: String?
        public var name: String?
        public var type: FlowType?
        public var version: String?

        public init(id: String?, name: String? = nil, type: FlowType? = nil, version: String? = nil) {
            self.id = id
            self.name = name
            self.type = type
            self.version = version
        }
    }

    /// `ExportDetails`; `exportType` is `Architect` or `Yaml`.
    public struct Details: Sendable, Hashable, Codable {
        public var flow: FlowReference?
        public var fileName: String?
        public var exportType: String?

        public init(flow: FlowReference?, fileName: String? = nil, exportType: String? = FlowExportJobRequest.yaml) {
            self.flow = flow
            self.fileName = fileName
            self.exportType = exportType
        }
    }

    public static let yaml = "Yaml"
    public static let architect = "Architect"

    public var flows: [Details]?

    public init(flows: [Details]) { self.flows = flows }

    /// Every flow by id, as `Yaml`.
    public init(flowIds: [String]) {
        flows = flowIds.map { Details(flow: FlowReference(id: $0)) }
    }
}

/// The answer to registering an export job (`RegisterArchitectExportJobResponse`).
public struct FlowExportJobRegistration: Sendable, Hashable, Codable {
    public var id: String
    public var status: ValidateJobStatus?
    public var totalFlows: Int?
    public var selfUri: String?

    public init(id: String, status: ValidateJobStatus, totalFlows: Int) {
        self.id = id
        self.status = status
        self.totalFlows = totalFlows
        self.selfUri = "/api/v2/flows/export/jobs/\(id)"
    }
}

/// `GET /api/v2/flows/export/jobs/{jobId}` (`ArchitectExportJobStateResponse`): `Registered`,
/// `Started`, then `Success` with one `downloadUrl` for all the job's flows, or `Failure`
/// with messages. The emulator's download is documented in docs/emulator.md.
public struct FlowExportJobState: Sendable, Hashable, Codable {
    public var id: String
    public var status: ValidateJobStatus?
    /// `Export` for these jobs.
    public var command: String?
    public var downloadUrl: String?
    public var messages: [ValidateJobMessage]?
    public var selfUri: String?

    public init(id: String, status: ValidateJobStatus, downloadUrl: String?, messages: [ValidateJobMessage]?) {
        self.id = id
        self.status = status
        self.command = "Export"
        self.downloadUrl = downloadUrl
        self.messages = messages
        self.selfUri = "/api/v2/flows/export/jobs/\(id)"
    }
}
