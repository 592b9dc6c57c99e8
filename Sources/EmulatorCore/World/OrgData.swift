import GenesysWire

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
    public var wrapupCodes: [WrapupCode]
    public var schedules: [Schedule]
    public var scheduleGroups: [ScheduleGroup]
    /// Integrations without their configuration (`config` is filled in on `expand`).
    public var integrations: [Integration]
    /// Each integration's current configuration, by integration id.
    public var integrationConfigs: [String: IntegrationConfiguration]
    /// Credentials with their fields in clear (the API redacts them on GET).
    public var credentials: [Credential]
    public var dataActions: [DataAction]
    public var campaigns: [Campaign]
    public var triggers: [Trigger]

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
        wrapupCodes = []
        schedules = []
        scheduleGroups = []
        integrations = []
        integrationConfigs = [:]
        credentials = []
        dataActions = []
        campaigns = []
        triggers = []
    }

    public var isProduction: Bool { name == World.productionName }

    /// Ids of every object a flow may reference, by reference type.
    func referenceableIds() -> [String: Set<String>] {
        [
            "queue": Set(queues.map(\.id)),
            "skill": Set(skills.map(\.id)),
            "flow": Set(flows.map(\.flow.id)),
            "dataTable": Set(dataTables.map(\.id)),
            "scheduleGroup": Set(scheduleGroups.compactMap(\.id)),
        ]
    }

    enum CodingKeys: String, CodingKey {
        case id, name, queues, skills, flows, dataTables, dataTableRows, contacts, users, trunks, trunkBases, sessions
        case wrapupCodes, schedules, scheduleGroups, integrations, integrationConfigs, credentials, dataActions, campaigns, triggers
    }

    /// World files written before a kind existed still load: a missing kind is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list<T: Decodable>(_ key: CodingKeys) throws -> [T] { try c.decodeIfPresent([T].self, forKey: key) ?? [] }
        self.init(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  queues: try list(.queues), skills: try list(.skills), flows: try list(.flows), dataTables: try list(.dataTables),
                  dataTableRows: try c.decodeIfPresent([String: [[String: JSONValue]]].self, forKey: .dataTableRows) ?? [:],
                  contacts: try list(.contacts), users: try list(.users), trunks: try list(.trunks), trunkBases: try list(.trunkBases),
                  sessions: try list(.sessions))
        wrapupCodes = try list(.wrapupCodes)
        schedules = try list(.schedules)
        scheduleGroups = try list(.scheduleGroups)
        integrations = try list(.integrations)
        integrationConfigs = try c.decodeIfPresent([String: IntegrationConfiguration].self, forKey: .integrationConfigs) ?? [:]
        credentials = try list(.credentials)
        dataActions = try list(.dataActions)
        campaigns = try list(.campaigns)
        triggers = try list(.triggers)
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
