/// `GET /api/v2/flows[/{flowId}]` (reference model `Flow`), the fields the tool reads.
public struct Flow: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var type: FlowType?
    public var division: EntityRef?
    /// A `FlowVersion`; only its id and name are read.
    public var publishedVersion: EntityRef?
    /// The last checked-in version (`FlowVersion`); its id rises with every check-in, so two
    /// copies of one flow whose checked-in and saved versions are equal have the same content.
    public var checkedInVersion: EntityRef?
    /// The last saved (not yet checked-in) version, when there is one.
    public var savedVersion: EntityRef?
    public var debugVersion: EntityRef?
    public var description: String?
    public var active: Bool?
    public var deleted: Bool?
    public var selfUri: String?

    public init(id: String, name: String, type: FlowType, division: EntityRef?, publishedVersion: EntityRef?, active: Bool = true) {
        self.id = id
        self.name = name
        self.type = type
        self.division = division
        self.publishedVersion = publishedVersion
        self.checkedInVersion = publishedVersion
        self.active = active
        self.deleted = false
        self.selfUri = "/api/v2/flows/\(id)"
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type, division, description, publishedVersion, checkedInVersion, savedVersion, debugVersion, active, deleted, selfUri
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeName(.name)
        type = try c.decodeIfPresent(FlowType.self, forKey: .type)
        division = try c.decodeIfPresent(EntityRef.self, forKey: .division)
        publishedVersion = try c.decodeIfPresent(EntityRef.self, forKey: .publishedVersion)
        checkedInVersion = try c.decodeIfPresent(EntityRef.self, forKey: .checkedInVersion)
        savedVersion = try c.decodeIfPresent(EntityRef.self, forKey: .savedVersion)
        debugVersion = try c.decodeIfPresent(EntityRef.self, forKey: .debugVersion)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        active = try c.decodeIfPresent(Bool.self, forKey: .active)
        deleted = try c.decodeIfPresent(Bool.self, forKey: .deleted)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }
}

/// `GET /api/v2/flows/datatables[/{datatableId}]` (reference model `DataTable`).
public struct DataTable: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var division: EntityRef?
    public var description: String?
    /// The rows' JSON schema (`JsonSchemaDocument`): sent with `expand=schema` only.
    public var schema: JSONValue?
    public var selfUri: String?

    public init(id: String, name: String, division: EntityRef?) {
        self.id = id
        self.name = name
        self.division = division
        self.selfUri = "/api/v2/flows/datatables/\(id)"
    }

    enum CodingKeys: String, CodingKey { case id, name, division, description, schema, selfUri }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeName(.name)
        division = try c.decodeIfPresent(EntityRef.self, forKey: .division)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        schema = try c.decodeIfPresent(JSONValue.self, forKey: .schema)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }
}
