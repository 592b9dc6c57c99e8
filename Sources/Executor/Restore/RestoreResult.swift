/// What a restore did (or, previewing, would do) with one snapshot object.
public struct RestoreResult: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case created, updated, imported
        /// The sandbox already holds the snapshot's content: nothing written.
        case inPlace = "in-place"
        case notRestored = "not-restored"
        case wouldCreate = "would-create"
        case wouldUpdate = "would-update"
        case wouldImport = "would-import"
    }

    public var kind: String
    public var name: String
    /// The snapshot's id for the object.
    public var id: String
    public var action: Action
    /// Why it was not restored, or what a write changed.
    public var detail: String?

    public init(kind: String, name: String, id: String, action: Action, detail: String? = nil) {
        self.kind = kind
        self.name = name
        self.id = id
        self.action = action
        self.detail = detail
    }

    public var line: String {
        "\(action.rawValue): \(kind) \"\(name)\"\(detail.map { " (\($0))" } ?? "")"
    }
}
