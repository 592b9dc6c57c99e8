/// What to generate: a seed and a size. Every field has a default so a world file may name
/// only what it changes (`{"seed": 7, "queues": 2000}`).
public struct WorldSpec: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var queues: Int
    public var skills: Int
    public var flows: Int
    public var contacts: Int
    public var dataTables: Int
    /// Rows across all data tables.
    public var dataTableRows: Int
    public var users: Int
    public var trunks: Int
    /// Sandbox ids; each sandbox is also an organization with its own OAuth client.
    public var sandboxes: [String]
    /// Production changes since the sandboxes were last refreshed: new queues and skills, and
    /// flows that reference them (so a refresh without ROUTING breaks those flows).
    public var driftQueues: Int
    public var driftSkills: Int
    public var driftFlows: Int
    /// How much work of its own each generated sandbox holds (issue 25): this many
    /// sandbox-only queues, wrap-up codes, schedules and `DEV-` flows (half as many skills),
    /// a data table of its own, extra rows in a table production also has, and edited copies
    /// of production's objects. 0: a sandbox is exactly its last refresh.
    public var sandboxWork: Int
    /// Data actions whose `requestUrlTemplate` names a production host literally, instead of
    /// taking it from their integration's configuration (for isolation tests).
    public var literalHostActions: Int

    public init(seed: UInt64 = 1, queues: Int = 40, skills: Int = 20, flows: Int = 60, contacts: Int = 500,
                dataTables: Int = 4, dataTableRows: Int = 200, users: Int = 25, trunks: Int = 3,
                sandboxes: [String] = ["sandbox-dev-01"], driftQueues: Int = 3, driftSkills: Int = 2, driftFlows: Int = 1,
                sandboxWork: Int = 2, literalHostActions: Int = 0) {
        self.seed = seed
        self.queues = queues
        self.skills = skills
        self.flows = flows
        self.contacts = contacts
        self.dataTables = dataTables
        self.dataTableRows = dataTableRows
        self.users = users
        self.trunks = trunks
        self.sandboxes = sandboxes
        self.driftQueues = driftQueues
        self.driftSkills = driftSkills
        self.driftFlows = driftFlows
        self.sandboxWork = sandboxWork
        self.literalHostActions = literalHostActions
    }

    /// A development-sized organization: a refresh of ARCHITECT,ROUTING takes a few minutes.
    public static let dev = WorldSpec()

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = WorldSpec()
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        queues = try c.decodeIfPresent(Int.self, forKey: .queues) ?? d.queues
        skills = try c.decodeIfPresent(Int.self, forKey: .skills) ?? d.skills
        flows = try c.decodeIfPresent(Int.self, forKey: .flows) ?? d.flows
        contacts = try c.decodeIfPresent(Int.self, forKey: .contacts) ?? d.contacts
        dataTables = try c.decodeIfPresent(Int.self, forKey: .dataTables) ?? d.dataTables
        dataTableRows = try c.decodeIfPresent(Int.self, forKey: .dataTableRows) ?? d.dataTableRows
        users = try c.decodeIfPresent(Int.self, forKey: .users) ?? d.users
        trunks = try c.decodeIfPresent(Int.self, forKey: .trunks) ?? d.trunks
        sandboxes = try c.decodeIfPresent([String].self, forKey: .sandboxes) ?? d.sandboxes
        driftQueues = try c.decodeIfPresent(Int.self, forKey: .driftQueues) ?? d.driftQueues
        driftSkills = try c.decodeIfPresent(Int.self, forKey: .driftSkills) ?? d.driftSkills
        driftFlows = try c.decodeIfPresent(Int.self, forKey: .driftFlows) ?? d.driftFlows
        sandboxWork = try c.decodeIfPresent(Int.self, forKey: .sandboxWork) ?? d.sandboxWork
        literalHostActions = try c.decodeIfPresent(Int.self, forKey: .literalHostActions) ?? d.literalHostActions
    }
}
