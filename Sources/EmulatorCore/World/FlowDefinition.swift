import GenesysWire

/// A flow's reference to another object, the thing validation checks against the org's state.
public struct FlowReference: Sendable, Hashable, Codable {
    /// `queue`, `skill`, `flow`, `dataTable` or `scheduleGroup` (the wire's `referenceType`).
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
    /// What a person edits in the flow (prompts, timeouts), shown in its configuration and its
    /// export; a sandbox's edited copy differs here from production's.
    public var settings: [String: String]

    public init(flow: Flow, references: [FlowReference], warnings: [String] = [], settings: [String: String] = [:]) {
        self.flow = flow
        self.references = references
        self.warnings = warnings
        self.settings = settings
    }

    enum CodingKeys: String, CodingKey { case flow, references, warnings, settings }

    /// World files written before `settings` existed still load.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        flow = try c.decode(Flow.self, forKey: .flow)
        references = try c.decodeIfPresent([FlowReference].self, forKey: .references) ?? []
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        settings = try c.decodeIfPresent([String: String].self, forKey: .settings) ?? [:]
    }
}
