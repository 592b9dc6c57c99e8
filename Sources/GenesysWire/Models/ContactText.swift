/// An external contact's customer data as named strings: what masking rules match (`field:`)
/// and where scan findings say they are. A phone is named by its field (`cellPhone`, its
/// `display`); its other renderings are `cellPhone.e164` and `cellPhone.userInput`, and a rule
/// for `cellPhone` covers them too. Custom fields are `customFields.<key>`.
extension ExternalContact {
    public static let phoneFields = ["workPhone", "cellPhone", "homePhone", "otherPhone"]
    /// Renderings of a phone number besides `display`, which carry the same digits.
    public static let phoneRenderings = ["e164", "userInput"]

    /// The field a masking rule must match for `name` (`cellPhone.e164` is masked as `cellPhone`).
    public static func ruleField(for name: String) -> String {
        for phone in phoneFields {
            for rendering in phoneRenderings where name == "\(phone).\(rendering)" { return phone }
        }
        return name
    }

    private static var phoneKeyPaths: [(String, WritableKeyPath<ExternalContact, PhoneNumber?>)] { [
        ("workPhone", \.workPhone), ("cellPhone", \.cellPhone), ("homePhone", \.homePhone), ("otherPhone", \.otherPhone),
    ] }
    private static var stringKeyPaths: [(String, WritableKeyPath<ExternalContact, String?>)] { [
        ("firstName", \.firstName), ("middleName", \.middleName), ("lastName", \.lastName), ("salutation", \.salutation),
        ("title", \.title), ("workEmail", \.workEmail), ("personalEmail", \.personalEmail), ("otherEmail", \.otherEmail),
    ] }
    private static var addressKeyPaths: [(String, WritableKeyPath<ContactAddress, String?>)] { [
        ("address1", \.address1), ("address2", \.address2), ("city", \.city), ("state", \.state),
        ("postalCode", \.postalCode), ("countryCode", \.countryCode),
    ] }

    /// Every string of customer data, in a stable order; absent values are left out.
    public var textFields: [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        for (name, path) in Self.stringKeyPaths { if let value = self[keyPath: path] { out.append((name, value)) } }
        for (name, path) in Self.phoneKeyPaths {
            guard let phone = self[keyPath: path] else { continue }
            if let display = phone.display { out.append((name, display)) }
            if let e164 = phone.e164 { out.append(("\(name).e164", e164)) }
            if let input = phone.userInput { out.append(("\(name).userInput", input)) }
        }
        if let address {
            for (name, path) in Self.addressKeyPaths { if let value = address[keyPath: path] { out.append(("address.\(name)", value)) } }
        }
        for (key, value) in (customFields ?? [:]).sorted(by: { $0.key < $1.key }) {
            if case .string(let text) = value { out.append(("customFields.\(key)", text)) }
        }
        return out
    }

    /// The contact with each named string replaced (a name missing from `values` becomes absent);
    /// names that `textFields` would not produce are ignored.
    public func replacingText(_ values: [String: String]) -> ExternalContact {
        var copy = self
        for (name, path) in Self.stringKeyPaths where copy[keyPath: path] != nil { copy[keyPath: path] = values[name] }
        for (name, path) in Self.phoneKeyPaths {
            guard var phone = copy[keyPath: path] else { continue }
            if phone.display != nil { phone.display = values[name] }
            if phone.e164 != nil { phone.e164 = values["\(name).e164"] }
            if phone.userInput != nil { phone.userInput = values["\(name).userInput"] }
            copy[keyPath: path] = phone
        }
        if var address = copy.address {
            for (name, path) in Self.addressKeyPaths where address[keyPath: path] != nil { address[keyPath: path] = values["address.\(name)"] }
            copy.address = address
        }
        if var fields = copy.customFields {
            for (key, value) in fields {
                guard case .string = value else { continue }
                fields[key] = values["customFields.\(key)"].map(JSONValue.string)
            }
            copy.customFields = fields
        }
        return copy
    }
}
