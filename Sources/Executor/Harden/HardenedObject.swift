import GenesysWire

/// One object a hardening step looked at, for `hardening.json`: what it was and what it became.
/// Credential field values are always `***` here; the plan's values never reach this record.
public struct HardenedObject: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        /// Written: it differed from what the plan asks.
        case changed
        /// Already as the plan asks: nothing sent.
        case unchanged
        /// Covered by an allow glob: left as it is.
        case allowed
        /// A credential a previous attempt of this run already wrote.
        case alreadyWritten = "already-written"
    }

    public var step: String
    /// `campaign`, `trigger`, `integration`, `credential`, `trunkBase`.
    public var kind: String
    public var name: String
    public var id: String
    public var action: Action
    public var before: JSONValue?
    public var after: JSONValue?

    public init(step: String, kind: String, name: String, id: String, action: Action, before: JSONValue?, after: JSONValue?) {
        self.step = step
        self.kind = kind
        self.name = name
        self.id = id
        self.action = action
        self.before = before
        self.after = after
    }
}
