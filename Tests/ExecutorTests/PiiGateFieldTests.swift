import GenesysWire
@testable import Executor
import PIIScanner
import Testing

/// The PII gate reads records through their JSON form, so it follows the wire model's shape:
/// phones as strings today, as objects `{display, e164, ...}` tomorrow.
@Suite struct PiiGateFieldTests {
    static let mobile = "4915123456787"  // 13 digits, Visa-shaped, passes Luhn

    @Test func contactFieldsAreNamedPathsFromTheJSONForm() {
        let contact = ExternalContact(id: "c-1", firstName: "Ann", lastName: nil, workPhone: PhoneNumber(display: "+1 317 555 0100", e164: "+13175550100"),
                                      cellPhone: PhoneNumber(display: Self.mobile, userInput: Self.mobile),
                                      address: ContactAddress(address1: "1 Main St", city: "Dublin", state: nil, postalCode: nil, countryCode: "IE"),
                                      customFields: ["notes_text": .string("card 4111111111111111")])
        let names = ContactFields.fields(of: contact).map(\.name)
        #expect(names.contains("cellPhone.display") && names.contains("address.city") && names.contains("customFields.notes_text"), "\(names)")
        #expect(!names.contains("id") && !names.contains("selfUri"))
        let findings = RecordScanner(factory: FindingFactory(secret: "k")).scan(source: "externalContacts", record: contact.id, fields: ContactFields.fields(of: contact))
        // The mobile number in cellPhone is a phone; the card in the notes field is a card.
        #expect(findings.map(\.field) == ["customFields.notes_text"])
    }

    @Test func phoneObjectsAreScannedAsPhones() {
        let row: [String: JSONValue] = [
            "workPhone": .object(["display": .string(Self.mobile), "e164": .string("+" + Self.mobile), "userInput": .string(Self.mobile)]),
            "notes": .string(Self.mobile),
        ]
        let fields = ContactFields.strings(of: row)
        #expect(Set(fields.map(\.name)) == ["workPhone.display", "workPhone.e164", "workPhone.userInput", "notes"])
        let findings = RecordScanner(factory: FindingFactory(secret: "k")).scan(source: "s", record: "r", fields: fields)
        #expect(findings.map(\.field) == ["notes"])
    }
}
