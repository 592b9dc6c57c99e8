import GenesysWire

/// The `harden.<chain>` node's settings, resolved from `harden` and the trunk gate's
/// `registrationProperties`. Credential values stay references: the executor resolves them
/// just before the write.
public struct HardenSettings: Sendable, Hashable, Codable {
    public struct Rewrite: Sendable, Hashable, Codable {
        /// Name glob of the integrations (or credentials).
        public var name: String
        /// Dotted property path (or credential field) to value.
        public var values: [Pair]

        public init(name: String, values: [Pair]) {
            self.name = name
            self.values = values
        }
    }

    public struct Pair: Sendable, Hashable, Codable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public struct CredentialRewrite: Sendable, Hashable, Codable {
        public var name: String
        public var fields: [String: SecretReference]

        public init(name: String, fields: [String: SecretReference]) {
            self.name = name
            self.fields = fields
        }
    }

    /// Allow globs of campaigns left running; nil: campaigns are not stopped.
    public var campaignAllow: [String]?
    /// Allow globs of triggers left enabled; nil: triggers are not disabled.
    public var triggerAllow: [String]?
    public var integrations: [Rewrite]
    public var credentials: [CredentialRewrite]
    /// The value registration properties are set to; nil: trunk bases are not touched.
    public var trunkRegistration: String?
    public var registrationProperties: [String]

    public init(campaignAllow: [String]?, triggerAllow: [String]?, integrations: [Rewrite], credentials: [CredentialRewrite],
                trunkRegistration: String?, registrationProperties: [String]) {
        self.campaignAllow = campaignAllow
        self.triggerAllow = triggerAllow
        self.integrations = integrations
        self.credentials = credentials
        self.trunkRegistration = trunkRegistration
        self.registrationProperties = registrationProperties
    }
}

extension HardenSettings {
    /// Sets the value at a dotted path of an integration config's `properties`, creating objects
    /// on the way (a non-object on the way is replaced). One function for `plan`'s preview and
    /// the executor's write, so the previewed body is the one sent.
    public static func setting(_ root: JSONValue?, _ path: String, to value: JSONValue) -> JSONValue {
        let keys = path.split(separator: ".").map(String.init)
        func set(_ node: JSONValue?, _ keys: ArraySlice<String>) -> JSONValue {
            guard let key = keys.first else { return value }
            var members: [String: JSONValue] = [:]
            if case .object(let existing)? = node { members = existing }
            members[key] = set(members[key], keys.dropFirst())
            return .object(members)
        }
        return set(root, keys[...])
    }
}

/// The isolation gate's settings: the hosts the sandbox may name, and the allow globs of the
/// campaigns and triggers hardening leaves alone.
public struct IsolationSettings: Sendable, Hashable, Codable {
    public var allowedHosts: [String]
    public var campaignAllow: [String]
    public var triggerAllow: [String]

    public init(allowedHosts: [String], campaignAllow: [String], triggerAllow: [String]) {
        self.allowedHosts = allowedHosts
        self.campaignAllow = campaignAllow
        self.triggerAllow = triggerAllow
    }
}
