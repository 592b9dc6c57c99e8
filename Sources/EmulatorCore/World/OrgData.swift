import GenesysWire

/// A flow's reference to another object, the thing validation checks against the org's state.
public struct FlowReference: Sendable, Hashable, Codable {
    /// `queue`, `skill`, `flow` or `dataTable` (the wire's `referenceType`).
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }
}

/// A flow as the wire shows it plus what the wire hides: its definition's references.
public struct FlowDefinition: Sendable, Hashable, Codable {
    public var flow: Flow
    public var references: [FlowReference]
    /// Non-fatal findings validation reports with severity WARNING.
    public var warnings: [String]

    public init(flow: Flow, references: [FlowReference], warnings: [String] = []) {
        self.flow = flow
        self.references = references
        self.warnings = warnings
    }
}

/// A signed-in user's access token (a developer session the refresh may destroy).
public struct UserSession: Sendable, Hashable, Codable {
    public var userId: String
    public var token: String

    public init(userId: String, token: String) {
        self.userId = userId
        self.token = token
    }
}

/// Everything one organization (production or a sandbox) holds.
public struct OrgData: Sendable, Hashable, Codable {
    public var id: String
    /// `production` or the sandbox id.
    public var name: String
    public var queues: [Queue]
    public var skills: [Skill]
    public var flows: [FlowDefinition]
    public var dataTables: [DataTable]
    /// Rows by data-table id; every row has a string `key`.
    public var dataTableRows: [String: [[String: JSONValue]]]
    public var contacts: [ExternalContact]
    public var users: [User]
    public var trunks: [Trunk]
    /// Trunk base settings: the SIP configuration (registration included) trunks refer to.
    public var trunkBases: [TrunkBase]
    public var sessions: [UserSession]

    public init(id: String, name: String, queues: [Queue] = [], skills: [Skill] = [], flows: [FlowDefinition] = [],
                dataTables: [DataTable] = [], dataTableRows: [String: [[String: JSONValue]]] = [:],
                contacts: [ExternalContact] = [], users: [User] = [], trunks: [Trunk] = [], trunkBases: [TrunkBase] = [], sessions: [UserSession] = []) {
        self.id = id
        self.name = name
        self.queues = queues
        self.skills = skills
        self.flows = flows
        self.dataTables = dataTables
        self.dataTableRows = dataTableRows
        self.contacts = contacts
        self.users = users
        self.trunks = trunks
        self.trunkBases = trunkBases
        self.sessions = sessions
    }

    public var isProduction: Bool { name == World.productionName }

    /// Ids of every object a flow may reference, by reference type.
    func referenceableIds() -> [String: Set<String>] {
        [
            "queue": Set(queues.map(\.id)),
            "skill": Set(skills.map(\.id)),
            "flow": Set(flows.map(\.flow.id)),
            "dataTable": Set(dataTables.map(\.id)),
        ]
    }
}

/// An OAuth client (client credentials grant); it belongs to exactly one organization.
public struct ClientDefinition: Sendable, Hashable, Codable {
    public var clientId: String
    public var clientSecret: String
    public var name: String
    /// `production` or a sandbox id.
    public var organization: String
    public var scopes: [String]

    public init(clientId: String, clientSecret: String, name: String, organization: String, scopes: [String] = ClientDefinition.guideScopes) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.name = name
        self.organization = organization
        self.scopes = scopes
    }

    /// The guide's OAuth scopes for the refresh service account.
    public static let guideScopes = ["sandbox:refresh", "sandbox:view", "architect:flow:view", "routing:queue:view", "admin"]
}
