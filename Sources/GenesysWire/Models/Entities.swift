/// `{id, name}` references embedded in entities (division, publishedVersion).
public struct EntityRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?

    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

public struct Queue: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var division: EntityRef?
    public var memberCount: Int?
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
}

public struct Skill: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var state: String?
    public var selfUri: String?

    public init(id: String, name: String, state: String = "active") {
        self.id = id
        self.name = name
        self.state = state
        self.selfUri = "/api/v2/routing/skills/\(id)"
    }
}

public struct Flow: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var type: String
    public var division: EntityRef?
    public var publishedVersion: EntityRef?
    public var checkedInVersion: EntityRef?
    public var active: Bool?
    public var deleted: Bool?
    public var selfUri: String?

    public init(id: String, name: String, type: String, division: EntityRef?, publishedVersion: EntityRef?, active: Bool = true) {
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
}

public struct ContactAddress: Sendable, Hashable, Codable {
    public var address1: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var countryCode: String?

    public init(address1: String?, city: String?, state: String?, postalCode: String?, countryCode: String?) {
        self.address1 = address1
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.countryCode = countryCode
    }
}

/// Customer data: where PII lives.
public struct ExternalContact: Sendable, Hashable, Codable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var workPhone: String?
    public var cellPhone: String?
    public var workEmail: String?
    public var personalEmail: String?
    public var address: ContactAddress?
    public var notes: String?
    public var selfUri: String?

    public init(id: String, firstName: String?, lastName: String?, workPhone: String?, cellPhone: String?, workEmail: String?, personalEmail: String?, address: ContactAddress?, notes: String?) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.workPhone = workPhone
        self.cellPhone = cellPhone
        self.workEmail = workEmail
        self.personalEmail = personalEmail
        self.address = address
        self.notes = notes
        self.selfUri = "/api/v2/externalcontacts/contacts/\(id)"
    }
}

public struct DataTable: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var division: EntityRef?
    public var selfUri: String?

    public init(id: String, name: String, division: EntityRef?) {
        self.id = id
        self.name = name
        self.division = division
        self.selfUri = "/api/v2/flows/datatables/\(id)"
    }
}

public struct Trunk: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var state: String?
    public var trunkType: String?
    /// The carrier registration this trunk uses; shared with production means a copied trunk can register.
    public var carrierRegistration: String?
    public var selfUri: String?

    public init(id: String, name: String, state: String = "active", trunkType: String = "EXTERNAL", carrierRegistration: String?) {
        self.id = id
        self.name = name
        self.state = state
        self.trunkType = trunkType
        self.carrierRegistration = carrierRegistration
        self.selfUri = "/api/v2/telephony/providers/edges/trunks/\(id)"
    }
}

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
}
