import Impact

/// The restore step's settings: which snapshot objects the plan preserves, and how to open the
/// snapshot (`snapshot.encryptionKey`).
public struct RestoreSettings: Sendable, Hashable, Codable {
    public var preserve: [NameGlob]
    public var encryptionKey: SecretReference?

    public init(preserve: [NameGlob], encryptionKey: SecretReference? = nil) {
        self.preserve = preserve
        self.encryptionKey = encryptionKey
    }
}
