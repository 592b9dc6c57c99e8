/// `GET/POST/PUT /api/v2/routing/wrapupcodes[/{codeId}]` (reference models `WrapupCode`, and
/// `WrapupCodeRequest` for bodies: the same field names). Every field is optional because the
/// reference marks none required; the platform omits empty ones.
public struct WrapupCode: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    /// A `StarrableDivision` (`WritableStarrableDivision` in a body).
    public var division: EntityRef?
    public var description: String?
    public var dateCreated: String?
    public var dateModified: String?
    public var createdBy: String?
    public var modifiedBy: String?
    public var selfUri: String?

    public init(id: String?, name: String?, division: EntityRef? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.division = division
        self.description = description
        self.selfUri = id.map { "/api/v2/routing/wrapupcodes/\($0)" }
    }
}
