/// `GET /api/v2/integrations[/{integrationId}]` (reference model `Integration`). No endpoint
/// writes `intendedState`, so the API cannot switch an integration off; only its config.
public struct Integration: Sendable, Hashable, Codable {
    /// `IntegrationConfigurationInfo`: the current configuration, when expanded.
    public struct ConfigInfo: Sendable, Hashable, Codable {
        public var current: IntegrationConfiguration?

        public init(current: IntegrationConfiguration?) { self.current = current }
    }

    /// `IntegrationStatusInfo`; `code` is `ACTIVE`, `ACTIVATING`, `INACTIVE`, `DEACTIVATING` or `ERROR`.
    public struct StatusInfo: Sendable, Hashable, Codable {
        public var code: String?
        public var effective: String?

        public init(code: String?, effective: String? = nil) {
            self.code = code
            self.effective = effective
        }
    }

    public var id: String?
    public var name: String?
    /// `IntegrationType`: only its id and name are read (`custom-rest-actions`, ...).
    public var integrationType: EntityRef?
    public var notes: String?
    /// `ENABLED`, `DISABLED`, `DELETED` or `RESTORED`.
    public var intendedState: String?
    public var config: ConfigInfo?
    public var reportedState: StatusInfo?
    public var attributes: [String: String]?
    public var selfUri: String?

    public init(id: String?, name: String?, integrationType: EntityRef?, intendedState: String? = "ENABLED",
                config: ConfigInfo? = nil, reportedState: StatusInfo? = StatusInfo(code: "ACTIVE")) {
        self.id = id
        self.name = name
        self.integrationType = integrationType
        self.intendedState = intendedState
        self.config = config
        self.reportedState = reportedState
        self.selfUri = id.map { "/api/v2/integrations/\($0)" }
    }
}

/// `GET/PUT /api/v2/integrations/{integrationId}/config/current` (`IntegrationConfiguration`).
/// `properties` and `advanced` are untyped: each integration type has its own schema (a base
/// URL, a host); `credentials` maps a credential slot to a credential reference.
public struct IntegrationConfiguration: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    /// Incremented by every update; a PUT carrying an older one is refused with 409.
    public var version: Int?
    public var properties: JSONValue?
    public var advanced: JSONValue?
    public var notes: String?
    public var credentials: [String: EntityRef]?
    public var selfUri: String?

    public init(id: String?, name: String?, version: Int?, properties: JSONValue?, advanced: JSONValue? = nil, notes: String? = nil,
                credentials: [String: EntityRef]? = nil) {
        self.id = id
        self.name = name
        self.version = version
        self.properties = properties
        self.advanced = advanced
        self.notes = notes
        self.credentials = credentials
        self.selfUri = id.map { "/api/v2/integrations/\($0)/config/current" }
    }
}
