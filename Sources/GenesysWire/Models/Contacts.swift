import Foundation

/// A phone number of an external contact (reference model `PhoneNumber`): an object, never a
/// bare string.
public struct PhoneNumber: Sendable, Hashable, Codable {
    public var display: String?
    public var e164: String?
    public var countryCode: String?
    public var `extension`: Int?
    public var acceptsSMS: Bool?
    public var userInput: String?
    public var normalizationCountryCode: String?

    public init(display: String? = nil, e164: String? = nil, countryCode: String? = nil, extension: Int? = nil,
                acceptsSMS: Bool? = nil, userInput: String? = nil, normalizationCountryCode: String? = nil) {
        self.display = display
        self.e164 = e164
        self.countryCode = countryCode
        self.extension = `extension`
        self.acceptsSMS = acceptsSMS
        self.userInput = userInput
        self.normalizationCountryCode = normalizationCountryCode
    }
}

/// Reference model `ContactAddress`.
public struct ContactAddress: Sendable, Hashable, Codable {
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var countryCode: String?

    public init(address1: String?, address2: String? = nil, city: String?, state: String?, postalCode: String?, countryCode: String?) {
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.countryCode = countryCode
    }
}

/// The data schema a contact's `customFields` follow (reference model `DataSchema`, in part).
public struct DataSchemaRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var version: Int?
    public var selfUri: String?

    public init(id: String, name: String?, version: Int?) {
        self.id = id
        self.name = name
        self.version = version
        self.selfUri = "/api/v2/externalcontacts/contacts/schemas/\(id)"
    }
}

/// `GET /api/v2/externalcontacts/contacts[/{contactId}]` (reference model `ExternalContact`):
/// customer data, where PII lives: names, phone objects, emails, the address, and free-form
/// `customFields` (notes, account numbers) under a data schema.
public struct ExternalContact: Sendable, Hashable, Codable {
    public var id: String
    public var firstName: String?
    public var middleName: String?
    public var lastName: String?
    public var salutation: String?
    public var title: String?
    public var workPhone: PhoneNumber?
    public var cellPhone: PhoneNumber?
    public var homePhone: PhoneNumber?
    public var otherPhone: PhoneNumber?
    public var workEmail: String?
    public var personalEmail: String?
    public var otherEmail: String?
    public var address: ContactAddress?
    public var schema: DataSchemaRef?
    public var customFields: [String: JSONValue]?
    public var createDate: Date?
    public var modifyDate: Date?
    public var selfUri: String?

    public init(id: String, firstName: String?, lastName: String?, workPhone: PhoneNumber? = nil, cellPhone: PhoneNumber? = nil,
                workEmail: String? = nil, personalEmail: String? = nil, address: ContactAddress? = nil,
                schema: DataSchemaRef? = nil, customFields: [String: JSONValue]? = nil) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.workPhone = workPhone
        self.cellPhone = cellPhone
        self.workEmail = workEmail
        self.personalEmail = personalEmail
        self.address = address
        self.schema = schema
        self.customFields = customFields
        self.selfUri = "/api/v2/externalcontacts/contacts/\(id)"
    }

    enum CodingKeys: String, CodingKey {
        case id, firstName, middleName, lastName, salutation, title, workPhone, cellPhone, homePhone, otherPhone
        case workEmail, personalEmail, otherEmail, address, schema, customFields, createDate, modifyDate, selfUri
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        firstName = try c.decodeIfPresent(String.self, forKey: .firstName)
        middleName = try c.decodeIfPresent(String.self, forKey: .middleName)
        lastName = try c.decodeIfPresent(String.self, forKey: .lastName)
        salutation = try c.decodeIfPresent(String.self, forKey: .salutation)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        workPhone = try c.decodeIfPresent(PhoneNumber.self, forKey: .workPhone)
        cellPhone = try c.decodeIfPresent(PhoneNumber.self, forKey: .cellPhone)
        homePhone = try c.decodeIfPresent(PhoneNumber.self, forKey: .homePhone)
        otherPhone = try c.decodeIfPresent(PhoneNumber.self, forKey: .otherPhone)
        workEmail = try c.decodeIfPresent(String.self, forKey: .workEmail)
        personalEmail = try c.decodeIfPresent(String.self, forKey: .personalEmail)
        otherEmail = try c.decodeIfPresent(String.self, forKey: .otherEmail)
        address = try c.decodeIfPresent(ContactAddress.self, forKey: .address)
        schema = try c.decodeIfPresent(DataSchemaRef.self, forKey: .schema)
        customFields = try c.decodeIfPresent([String: JSONValue].self, forKey: .customFields)
        createDate = c.decodeWireDate(.createDate)
        modifyDate = c.decodeWireDate(.modifyDate)
        selfUri = try c.decodeIfPresent(String.self, forKey: .selfUri)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(firstName, forKey: .firstName)
        try c.encodeIfPresent(middleName, forKey: .middleName)
        try c.encodeIfPresent(lastName, forKey: .lastName)
        try c.encodeIfPresent(salutation, forKey: .salutation)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(workPhone, forKey: .workPhone)
        try c.encodeIfPresent(cellPhone, forKey: .cellPhone)
        try c.encodeIfPresent(homePhone, forKey: .homePhone)
        try c.encodeIfPresent(otherPhone, forKey: .otherPhone)
        try c.encodeIfPresent(workEmail, forKey: .workEmail)
        try c.encodeIfPresent(personalEmail, forKey: .personalEmail)
        try c.encodeIfPresent(otherEmail, forKey: .otherEmail)
        try c.encodeIfPresent(address, forKey: .address)
        try c.encodeIfPresent(schema, forKey: .schema)
        try c.encodeIfPresent(customFields, forKey: .customFields)
        try c.encodeWireDate(createDate, forKey: .createDate)
        try c.encodeWireDate(modifyDate, forKey: .modifyDate)
        try c.encodeIfPresent(selfUri, forKey: .selfUri)
    }
}
