import GenesysWire

/// One object as the impact sees it: how to match it across organizations and what a person
/// edits in it (its content, normalised so that ids, URIs, dates and version counters do not
/// count as changes).
public struct ImpactObject: Sendable, Hashable {
    public var kind: ImpactKind
    public var id: String
    /// The name (or a user's email) objects are matched by when ids differ.
    public var name: String
    /// A flow's type: flows match by name and type.
    public var type: String?
    /// The platform's own JSON for the object, as read (what get-by-id or the listing returns).
    public var raw: JSONValue
    /// A fingerprint of the version metadata a listing carries (flows), or nil. Equal
    /// fingerprints settle "same" without reading the configuration.
    public var versionHint: String?

    public init(kind: ImpactKind, id: String, name: String, type: String? = nil, raw: JSONValue, versionHint: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.type = type
        self.raw = raw
        self.versionHint = versionHint
    }

    /// Builds an object from a listing entity; nil when the entity has no id.
    public init?(kind: ImpactKind, entity: JSONValue) {
        guard case .object(let fields) = entity, let id = fields["id"]?.stringValue else { return nil }
        let name = fields[kind.matchField]?.stringValue ?? fields["name"]?.stringValue ?? id
        self.init(kind: kind, id: id, name: name, type: fields["type"]?.stringValue, raw: entity,
                  versionHint: kind == .flow ? Self.flowVersionHint(fields) : nil)
    }

    /// The key objects are matched by when their ids differ: name (and type, for flows).
    public var matchKey: String { type.map { "\($0)\u{1F}\(name.lowercased())" } ?? name.lowercased() }

    /// A flow's listing names its saved, checked-in and published versions. A copy carries
    /// them unchanged, and any edit in either organization makes a new version with its own id,
    /// generation and creation time, so equal version records mean equal content; anything
    /// else needs the configurations (`docs/live-platform.md`).
    static func flowVersionHint(_ fields: [String: JSONValue]) -> String? {
        var parts: [String] = []
        for key in ["savedVersion", "checkedInVersion", "publishedVersion"] {
            guard case .object(let version)? = fields[key] else { parts.append("\(key)=-"); continue }
            let identity = ["id", "commitVersion", "configurationVersion", "generationId", "dateCreated", "dateCheckedIn", "dateSaved"]
                .compactMap { field in version[field].map { "\(field):\(ContentNormaliser.scalarText($0))" } }
            parts.append("\(key)=\(identity.joined(separator: ","))")
        }
        // No version record at all: nothing to settle the comparison with.
        return parts.allSatisfy { $0.hasSuffix("=-") } ? nil : parts.joined(separator: ";")
    }
}
