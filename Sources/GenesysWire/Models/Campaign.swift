/// `GET/PUT /api/v2/outbound/campaigns/{campaignId}` (reference model `Campaign`): the PUT takes
/// the whole campaign with its current integer `version`. `campaignStatus` is `on` (running),
/// `stopping`, `off`, `complete`, `invalid`, `forced_off` or `forced_stopping`.
/// Fields the tool does not model are dropped on decode: a read-modify-write PUT of this model
/// sends only these (the emulator keeps what a PUT leaves out).
public struct Campaign: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    public var version: Int?
    public var campaignStatus: String?
    /// `agentless`, `preview`, `power`, `predictive`, `progressive` or `external`.
    public var dialingMode: String?
    public var contactList: EntityRef?
    public var queue: EntityRef?
    public var division: EntityRef?
    public var callerName: String?
    public var callerAddress: String?
    public var alwaysRunning: Bool?
    public var priority: Int?
    public var dateCreated: String?
    public var dateModified: String?
    public var selfUri: String?

    public init(id: String?, name: String?, version: Int?, campaignStatus: String?, dialingMode: String? = "preview",
                contactList: EntityRef? = nil, queue: EntityRef? = nil, callerName: String? = nil, callerAddress: String? = nil) {
        self.id = id
        self.name = name
        self.version = version
        self.campaignStatus = campaignStatus
        self.dialingMode = dialingMode
        self.contactList = contactList
        self.queue = queue
        self.callerName = callerName
        self.callerAddress = callerAddress
        self.selfUri = id.map { "/api/v2/outbound/campaigns/\($0)" }
    }
}
