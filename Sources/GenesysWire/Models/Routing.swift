/// `GET /api/v2/routing/queues[/{queueId}]` (reference model `Queue`), the fields the tool reads.
public struct Queue: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var division: EntityRef?
    /// What a person edits on a queue besides its name (absent when empty, as the platform sends it).
    public var description: String?
    public var memberCount: Int?
    /// `NONE`, `BEST` or `ALL`.
    public var skillEvaluationMethod: String?
    public var selfUri: String?

    public init(id: String, name: String, division: EntityRef?, memberCount: Int?, skillEvaluationMethod: String? = "ALL") {
        self.id = id
        self.name = name
        self.division = division
        self.memberCount = memberCount
        self.skillEvaluationMethod = skillEvaluationMethod
        self.selfUri = "/api/v2/routing/queues/\(id)"
    }

    enum CodingKeys: String, CodingKey { case id, name, division, description, memberCount, skillEvaluationMethod, selfUri }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeName(.name)
        division = try c.decodeIfPresent(EntityRef.self, forKey: .division)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        memberCount = try c.decodeIfPresent(Int.self, forKey: .memberCount)
        skillEvaluationMethod = try c.decodeIfPresent(String.self, forKey: .skillEvaluationMethod)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }
}

/// `GET /api/v2/routing/skills[/{skillId}]` (reference model `RoutingSkill`).
public struct Skill: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// `active`, `inactive` or `deleted`.
    public var state: String?
    public var selfUri: String?

    public init(id: String, name: String, state: String = "active") {
        self.id = id
        self.name = name
        self.state = state
        self.selfUri = "/api/v2/routing/skills/\(id)"
    }

    enum CodingKeys: String, CodingKey { case id, name, state, selfUri }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeName(.name)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }
}

/// `GET /api/v2/users` (reference model `User`).
public struct User: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var email: String?
    public var state: String?
    public var selfUri: String?

    public init(id: String, name: String, email: String?, state: String = "active") {
        self.id = id
        self.name = name
        self.email = email
        self.state = state
        self.selfUri = "/api/v2/users/\(id)"
    }

    enum CodingKeys: String, CodingKey { case id, name, email, state, selfUri }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeName(.name)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }
}
