/// `GET /api/v2/flows/{flowId}/latestconfiguration` (the reference's `object`: free-form). The
/// real platform returns Architect's internal document; the emulator returns this subset, whose
/// references are by id (a comparison normalises them to names first). Unknown keys are kept
/// in `raw` by decoding the body as `JSONValue` instead, where a client needs them.
public struct FlowConfiguration: Sendable, Hashable, Codable {
    /// One reference of the flow's definition: `referenceType` is `queue`, `skill`, `flow`,
    /// `dataTable`, `schedule` or `scheduleGroup`.
    public struct Reference: Sendable, Hashable, Codable {
        public var referenceType: String
        public var id: String
        public var name: String?

        public init(referenceType: String, id: String, name: String? = nil) {
            self.referenceType = referenceType
            self.id = id
            self.name = name
        }
    }

    public var id: String?
    public var name: String?
    public var type: FlowType?
    public var description: String?
    /// What a person edits in the flow (prompts, timeouts), as text.
    public var settings: [String: String]?
    public var references: [Reference]?

    public init(id: String?, name: String?, type: FlowType?, description: String?, settings: [String: String]?, references: [Reference]?) {
        self.id = id
        self.name = name
        self.type = type
        self.description = description
        self.settings = settings
        self.references = references
    }
}
