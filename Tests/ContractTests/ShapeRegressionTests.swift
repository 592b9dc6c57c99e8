import EmulatorCore
import Foundation
import GenesysWire
import Testing

/// Each shape the tool and the emulator once shared but the platform never sends, checked two
/// ways: the reference checker rejects the old shape, and the tool's models decode the real one.
@Suite("shapes the platform really sends")
struct ShapeRegressionTests {
    static let reference = EndpointContractTests.reference
    static let guide = EndpointContractTests.guide

    func json(_ text: String) throws -> JSONValue { try WireCoding.decode(JSONValue.self, from: Data(text.utf8)) }

    @Test func phoneNumbersAreObjects() throws {
        let old = try json(#"{"id": "c1", "workPhone": "+1 317-555-0100", "cellPhone": "+1 317-555-0101"}"#)
        #expect(Self.reference.problems(old, model: "ExternalContact").count == 2)
        let real = #"{"id": "c1", "firstName": "Ava", "workPhone": {"display": "+1 317-555-0100", "e164": "+13175550100", "countryCode": "US", "extension": 12, "acceptsSMS": false, "userInput": "317 555 0100", "normalizationCountryCode": "US"}, "homePhone": {"e164": "+13175550102"}, "customFields": {"notes_text": "VIP"}, "modifyDate": "2024-05-15T08:30:00.000Z", "somethingNew": [1, 2]}"#
        #expect(Self.reference.problems(try json(real).removing("somethingNew"), model: "ExternalContact").isEmpty)
        let contact = try WireCoding.decode(ExternalContact.self, from: Data(real.utf8))
        #expect(contact.workPhone?.e164 == "+13175550100" && contact.workPhone?.extension == 12 && contact.homePhone?.display == nil)
        #expect(contact.modifyDate == WireCoding.date(from: "2024-05-15T08:30:00.000Z"))
        #expect(contact.textFields.map(\.name).contains("workPhone.e164"))
    }

    @Test func clonedUserIsAnOptionalObject() throws {
        #expect(!Self.reference.problems(try json(#"{"clonedUser": false}"#), model: "TokenInfo").isEmpty)
        let cloned = #"{"organization": {"id": "o1", "name": "Acme"}, "clonedUser": {"id": "u1", "organization": {"id": "o2"}}, "authorizedScope": ["admin"]}"#
        #expect(Self.reference.problems(try json(cloned), model: "TokenInfo").isEmpty)
        #expect(try WireCoding.decode(TokenInfo.self, from: Data(cloned.utf8)).clonedUser?.organization?.id == "o2")
        #expect(try WireCoding.decode(TokenInfo.self, from: Data("{}".utf8)).clonedUser == nil)
    }

    @Test func flowTypesAreUpperCaseAndUnknownOnesSurvive() throws {
        #expect(!Self.reference.problems(try json(#"{"id": "f1", "type": "inboundcall"}"#), model: "Flow").isEmpty)
        #expect(Self.reference.problems(try json(#"{"id": "f1", "type": "INBOUNDCALL"}"#), model: "Flow").isEmpty)
        let future = try WireCoding.decode(Flow.self, from: Data(#"{"id": "f1", "name": "x", "type": "HOLOGRAMCALL"}"#.utf8))
        #expect(future.type == .other("HOLOGRAMCALL") && future.type?.wireValue == "HOLOGRAMCALL")
        #expect(FlowType(wire: "INQUEUECALL") == .inqueueCall && FlowType.inqueueCall.queryValue == "inqueuecall")
    }

    @Test func trunksAndContactsHaveNoInventedFields() throws {
        #expect(Self.reference.problems(try json(#"{"id": "t1", "carrierRegistration": "sip:x@y"}"#), model: "Trunk") == ["$.carrierRegistration: not a field of Trunk"])
        #expect(Self.reference.problems(try json(#"{"id": "c1", "notes": "text"}"#), model: "ExternalContact") == ["$.notes: not a field of ExternalContact"])
    }

    @Test func aRunningRefreshSendsNullCompletedDateAndErrorMessage() throws {
        let missing = #"{"id": "r1", "sandboxId": "s", "status": "IN_PROGRESS", "progress": 42, "scope": "ARCHITECT,ROUTING", "createdDate": "2024-05-15T08:30:00.000Z", "preserveSandboxUsers": true}"#
        #expect(Set(Self.guide.problems(try json(missing), model: "Refresh")) == ["$: Refresh requires 'completedDate'", "$: Refresh requires 'errorMessage'"])
        let refresh = try WireCoding.decode(Refresh.self, from: Data(missing.utf8))
        let encoded = try json(String(decoding: WireCoding.encode(refresh), as: UTF8.self))
        #expect(Self.guide.problems(encoded, model: "Refresh").isEmpty)
        guard case .object(let members) = encoded else { Issue.record("not an object"); return }
        #expect(members["completedDate"] == .null && members["errorMessage"] == .null)
        #expect(refresh.createdDate == WireCoding.date(from: "2024-05-15T08:30:00.000Z"))
    }

    @Test func aMissingOptionalFieldNeverFailsADecode() throws {
        let bare = Data(#"{"id": "x"}"#.utf8)
        #expect(try WireCoding.decode(Queue.self, from: bare).name == "")
        #expect(try WireCoding.decode(Skill.self, from: bare).state == nil)
        #expect(try WireCoding.decode(Flow.self, from: bare).type == nil)
        #expect(try WireCoding.decode(DataTable.self, from: bare).division == nil)
        #expect(try WireCoding.decode(ExternalContact.self, from: bare).workPhone == nil)
        #expect(try WireCoding.decode(Trunk.self, from: bare).registersEnabledStatus == nil)
        #expect(try WireCoding.decode(TrunkBase.self, from: bare).properties == nil)
        #expect(try WireCoding.decode(OrganizationInfo.self, from: bare).name == nil)
        #expect(try WireCoding.decode(User.self, from: bare).email == nil)
        let trunk = try WireCoding.decode(Trunk.self, from: Data(#"{"id": "t", "registersEnabledStatus": "SOMEDAY", "registersStatus": [{"registerState": true, "registerStateTime": "2024-05-15T08:30:00Z"}]}"#.utf8))
        #expect(trunk.registersEnabledStatus == .other("SOMEDAY") && trunk.isRegistered)
    }

    @Test func trunkBasePropertiesReadTheInstanceBeforeTheDefault() throws {
        let base = try WireCoding.decode(TrunkBase.self, from: Data(#"{"id": "b", "properties": {"a": {"type": "string", "value": {"default": "d", "instance": "i"}}, "b": {"type": "string", "value": {"default": "d", "instance": null}}, "c": "plain", "e": {"type": "string", "value": {"default": null, "instance": ""}}}}"#.utf8))
        #expect(base.propertyText("a") == "i" && base.propertyText("b") == "d" && base.propertyText("c") == "plain")
        #expect(base.propertyText("e") == nil && base.propertyText("missing") == nil)
    }
}

extension JSONValue {
    func removing(_ key: String) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = nil
        return .object(members)
    }
}
