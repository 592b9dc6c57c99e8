/// What a run changes in the sandbox after every completed refresh so that the copy cannot
/// reach production's outside world (`harden` in the plan; docs/hardening.md). Each action is
/// optional; an absent one changes nothing.
public struct Hardening: Sendable, Hashable, Codable {
    /// Stop running outbound campaigns (`campaignStatus: off`) that no allow glob covers.
    public var campaigns: AllowPolicy?
    /// Disable process automation triggers that no allow glob covers.
    public var triggers: AllowPolicy?
    /// Rewrite named properties of matching integrations' current config.
    public var integrations: [IntegrationRewrite]
    /// Replace named credentials' fields with sandbox secrets.
    public var credentials: [CredentialRewrite]
    /// The value every trunk base property named by `gates.trunkIsolation.registrationProperties` is set to.
    public var trunkRegistration: String?

    public init(campaigns: AllowPolicy? = nil, triggers: AllowPolicy? = nil, integrations: [IntegrationRewrite] = [],
                credentials: [CredentialRewrite] = [], trunkRegistration: String? = nil) {
        self.campaigns = campaigns
        self.triggers = triggers
        self.integrations = integrations
        self.credentials = credentials
        self.trunkRegistration = trunkRegistration
    }

    /// True when no action is configured: the graph then has no hardening step.
    public var isEmpty: Bool {
        campaigns == nil && triggers == nil && integrations.isEmpty && credentials.isEmpty && trunkRegistration == nil
    }
}

/// Stop (or disable) everything except what the name globs cover.
public struct AllowPolicy: Sendable, Hashable, Codable {
    /// Name globs (`*`, `?`, case-insensitive) of objects left as they are.
    public var allow: [String]

    public init(allow: [String] = []) { self.allow = allow }
}

/// `harden.integrations[]`: integrations whose name matches `name` get `properties` rewritten.
public struct IntegrationRewrite: Sendable, Hashable, Codable {
    public var name: String
    public var properties: [PropertyValue]

    public init(name: String, properties: [PropertyValue]) {
        self.name = name
        self.properties = properties
    }
}

/// One config property (a dotted path into `properties`) and its sandbox value.
public struct PropertyValue: Sendable, Hashable, Codable {
    public var property: String
    public var value: String

    public init(property: String, value: String) {
        self.property = property
        self.value = value
    }
}

/// `harden.credentials[]`: credentials whose name matches get these fields replaced.
public struct CredentialRewrite: Sendable, Hashable, Codable {
    public var name: String
    public var fields: [CredentialFieldValue]

    public init(name: String, fields: [CredentialFieldValue]) {
        self.name = name
        self.fields = fields
    }
}

/// One credential field and the secret it is set to (`${env:...}` or `${file:...}` only).
public struct CredentialFieldValue: Sendable, Hashable, Codable {
    public var field: String
    public var value: SecretValue

    public init(field: String, value: SecretValue) {
        self.field = field
        self.value = value
    }
}

/// `gates.isolation`: after hardening, nothing in the sandbox may name a host outside these globs.
public struct IsolationGate: Sendable, Hashable, Codable {
    public var allowedHosts: [String]

    public init(allowedHosts: [String] = []) { self.allowedHosts = allowedHosts }
}
