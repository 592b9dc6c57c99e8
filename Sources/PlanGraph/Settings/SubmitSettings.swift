import GenesysWire

/// The submit node's settings: the scope it plans to send and the rest of the payload.
public struct SubmitSettings: Sendable, Hashable, Codable {
    /// The scope as compiled; the run may widen it (dependency scan) before it is sent.
    public var scope: RefreshScope
    /// The plan's description, before the run's tag is appended.
    public var description: String
    public var preserveSandboxUsers: Bool
    public var maskPii: Bool
    /// The masking rules as the payload carries them (the hash key never leaves the tool).
    public var maskingRules: [WireMaskingRule]

    public init(scope: RefreshScope, description: String, preserveSandboxUsers: Bool, maskPii: Bool, maskingRules: [WireMaskingRule]) {
        self.scope = scope
        self.description = description
        self.preserveSandboxUsers = preserveSandboxUsers
        self.maskPii = maskPii
        self.maskingRules = maskingRules
    }
}
