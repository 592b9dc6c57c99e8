/// The trunk-isolation node's settings: which trunk base properties hold a trunk's carrier
/// registration identity (`gates.trunkIsolation.registrationProperties`).
public struct TrunkIsolationSettings: Sendable, Hashable, Codable {
    public var registrationProperties: [String]

    public init(registrationProperties: [String]) {
        self.registrationProperties = registrationProperties
    }
}
