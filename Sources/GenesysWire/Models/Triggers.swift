/// `GET /api/v2/processautomation/triggers[/{triggerId}]` (reference model `Trigger`).
public struct Trigger: Sendable, Hashable, Codable {
    /// `TriggerTarget`: `type` is `Workflow`, `id` the workflow (a flow) it starts.
    public struct Target: Sendable, Hashable, Codable {
        public var type: String?
        public var id: String?

        public init(type: String? = "Workflow", id: String?) {
            self.type = type
            self.id = id
        }
    }

    public var id: String?
    public var name: String?
    public var topicName: String?
    public var target: Target?
    /// Incremented by every update; the PUT must carry the current one (409 otherwise).
    public var version: Int?
    public var enabled: Bool?
    public var matchCriteria: [JSONValue]?
    public var eventTTLSeconds: Int?
    public var delayBySeconds: Int?
    public var description: String?
    public var selfUri: String?

    public init(id: String?, name: String?, topicName: String?, target: Target?, version: Int?, enabled: Bool?, description: String? = nil) {
        self.id = id
        self.name = name
        self.topicName = topicName
        self.target = target
        self.version = version
        self.enabled = enabled
        self.description = description
        self.selfUri = id.map { "/api/v2/processautomation/triggers/\($0)" }
    }
}

/// `PUT /api/v2/processautomation/triggers/{triggerId}` body (`UpdateTriggerRequest`).
public struct UpdateTriggerRequest: Sendable, Hashable, Codable {
    public var version: Int?
    public var enabled: Bool?
    public var target: Trigger.Target?
    public var matchCriteria: [JSONValue]?
    public var name: String?
    public var topicName: String?
    public var eventTTLSeconds: Int?
    public var delayBySeconds: Int?
    public var description: String?

    public init(version: Int?, enabled: Bool?, target: Trigger.Target? = nil, matchCriteria: [JSONValue]? = nil, name: String? = nil,
                topicName: String? = nil, description: String? = nil) {
        self.version = version
        self.enabled = enabled
        self.target = target
        self.matchCriteria = matchCriteria
        self.name = name
        self.topicName = topicName
        self.description = description
    }
}

/// `GET /api/v2/processautomation/triggers` (`TriggerEntityListing`): cursor-paged, not by page
/// number. `nextUri` carries an `after` cursor and is absent on the last page.
public struct TriggerPage: Sendable, Hashable, Codable {
    public var entities: [Trigger]
    public var nextUri: String?
    public var selfUri: String?
    public var previousUri: String?

    public init(entities: [Trigger], nextUri: String?, selfUri: String?, previousUri: String?) {
        self.entities = entities
        self.nextUri = nextUri
        self.selfUri = selfUri
        self.previousUri = previousUri
    }
}
