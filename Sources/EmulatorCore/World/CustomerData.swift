import GenesysWire

/// Realistic-looking customer data, including the PII the masking and scanning features exist
/// for: card numbers (Luhn-valid, test ranges) and SSNs sit in free-text notes as they do in
/// real CRMs.
struct CustomerData {
    static let firstNames = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Amara", "Kenji",
                             "Priya", "Jonas", "Chloe", "Omar", "Freya", "Diego", "Hana", "Ethan", "Zara", "Malik"]
    static let lastNames = ["Smith", "Garcia", "Okafor", "Nguyen", "Müller", "Rossi", "Kowalski", "Tanaka", "Silva",
                            "Johansson", "Patel", "O'Brien", "Dubois", "Haddad", "Kim", "Novak", "Ibrahim", "Lopez"]
    static let streets = ["Maple Ave", "Oak St", "Harbor Rd", "King St", "Station Rd", "Elm Ct", "Mill Ln", "Bay Blvd"]
    static let cities: [(String, String, String)] = [("Indianapolis", "IN", "US"), ("Dublin", "D", "IE"), ("Toronto", "ON", "CA"),
                                                     ("Austin", "TX", "US"), ("Leeds", "WYK", "GB"), ("Denver", "CO", "US")]
    static let departments = ["Billing", "Support", "Sales", "Retention", "Claims", "Onboarding", "Collections", "VIP"]
    static let regions = ["EMEA", "NA", "APAC", "LATAM"]
    static let skillNames = ["Spanish", "French", "German", "Billing", "Escalations", "Technical", "Mortgage", "Fraud"]
    static let flowTypes: [FlowType] = [.inboundCall, .inqueueCall, .inboundChat, .inboundEmail, .inboundShortMessage, .bot, .commonModule, .workflow]
    /// The data schema whose custom fields hold free-text account notes.
    static let notesSchema = DataSchemaRef(id: "5d2d6b5e-3c1a-4e59-9a0b-6f1d2c4e8a01", name: "Customer account notes", version: 1)
    static let notesField = "notes_text"
    static let tableNames = ["Customer VIP List", "Callback Preferences", "Account Notes", "Holiday Overrides", "Fraud Watchlist"]

    /// A phone number object as the platform normalises one: `display` as entered, `e164`.
    static func phone(_ rng: inout SeededGenerator, acceptsSMS: Bool = false) -> PhoneNumber {
        let line = format4(rng.below(10000))
        return PhoneNumber(display: "+1 317-555-\(line)", e164: "+1317555\(line)", countryCode: "US",
                           acceptsSMS: acceptsSMS, normalizationCountryCode: "US")
    }

    static func format4(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    /// A Luhn-valid 16-digit number in the 4000-series test range.
    static func cardNumber(_ rng: inout SeededGenerator) -> String {
        var digits = [4, 0, 0, 0] + (0..<11).map { _ in rng.below(10) }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            // The check digit is appended after, so positions shift by one.
            var value = digit
            if index % 2 == 0 { value *= 2; if value > 9 { value -= 9 } }
            sum += value
        }
        digits.append((10 - sum % 10) % 10)
        let text = digits.map(String.init).joined()
        var grouped = ""
        for (index, char) in text.enumerated() {
            if index > 0, index % 4 == 0 { grouped += " " }
            grouped.append(char)
        }
        return grouped
    }

    /// A valid-looking SSN: area 666 is never issued, so it is skipped (a scanner rightly ignores it).
    static func ssn(_ rng: inout SeededGenerator) -> String {
        let area = 100 + rng.below(600)
        return "\(area == 666 ? 667 : area)-\(10 + rng.below(89))-\(format4(1000 + rng.below(9000)))"
    }

    static func note(_ rng: inout SeededGenerator) -> String {
        switch rng.below(20) {
        case 0, 1: return "Card on file \(cardNumber(&rng)), exp 09/28. Prefers callbacks after 5pm."
        case 2: return "Verified identity with SSN \(ssn(&rng)) on last call."
        case 3: return "Disputed charge; card \(cardNumber(&rng)) reissued. SSN \(ssn(&rng))."
        case 4, 5, 6: return "Prefers email contact."
        case 7, 8: return "Escalated twice in the last quarter."
        default: return ""
        }
    }

    static func contact(id: String, _ rng: inout SeededGenerator) -> ExternalContact {
        let first = rng.pick(firstNames), last = rng.pick(lastNames)
        let city = rng.pick(cities)
        let handle = "\(first).\(last)".lowercased().replacingOccurrences(of: "'", with: "")
        let note = note(&rng)
        return ExternalContact(
            id: id, firstName: first, lastName: last,
            workPhone: phone(&rng), cellPhone: phone(&rng, acceptsSMS: true),
            workEmail: "\(handle)@corp.example.com", personalEmail: "\(handle)\(rng.below(100))@mail.example.net",
            address: ContactAddress(address1: "\(1 + rng.below(9000)) \(rng.pick(streets))", city: city.0, state: city.1,
                                    postalCode: String(10000 + rng.below(89999)), countryCode: city.2),
            schema: note.isEmpty ? nil : notesSchema,
            customFields: note.isEmpty ? nil : [notesField: .string(note)])
    }

    static func row(key: String, _ rng: inout SeededGenerator) -> [String: JSONValue] {
        [
            "key": .string(key),
            "customerName": .string("\(rng.pick(firstNames)) \(rng.pick(lastNames))"),
            "phone": .string(phone(&rng).display ?? ""),
            "tier": .string(rng.pick(["gold", "silver", "bronze"])),
            "notes": .string(note(&rng)),
            "active": .bool(rng.chance(0.9)),
        ]
    }
}
