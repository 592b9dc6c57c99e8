import Testing
@testable import PIIScanner

/// Deliverable 2: context that real exports have. Each rule has a case it clears and a case
/// it must leave a finding.
@Suite struct ContextRuleTests {
    static func scan(_ text: String, name: String) -> [Finding] {
        FileScanner(factory: FindingFactory(secret: "k")).scan(MemoryByteSource(text), name: name, formatHint: name).findings
    }

    // MARK: IBAN

    /// ES91 2100 0418 4502 0005 1332 is the standard example IBAN (mod-97 holds).
    @Test func groupedIBANsAreNotCards() {
        #expect(IBANRule.mod97(Array("ES9121000418450200051332".utf8)) == 1)
        // An IBAN whose digit groups contain a Luhn-valid, issuer-valid 16-digit run.
        let iban = Self.ibanWithCardGroups()
        #expect(Scan.detectors("transfer to \(iban) today").isEmpty, "\(iban)")
        #expect(Scan.detectors("IBAN: \(iban)").isEmpty)
        // In JSON, after an escape.
        for escape in ["\\n", "\\t", "\\u00a0", "\\r\\n"] {
            #expect(Self.scan("{\"notes\":\"to\(escape)\(iban) ok\"}\n", name: "x.ndjson").isEmpty, "\(escape)")
        }
    }

    @Test func anIBANShapeThatFailsMod97LeavesTheCard() {
        let iban = Self.ibanWithCardGroups()
        // Change the check digits: no longer an IBAN, so the card-shaped groups are a card.
        let broken = String(iban.prefix(2)) + (iban.dropFirst(2).prefix(2) == "00" ? "01" : "00") + iban.dropFirst(4)
        #expect(Scan.detectors("transfer to \(broken) today") == [.creditCard])
    }

    /// `CCdd` + a 4-digit bank group + 16 card-shaped digits, with check digits computed.
    static func ibanWithCardGroups() -> String {
        let card = Cards.make("3037", length: 16)
        let bban = "2100" + card
        // ISO 7064: check = 98 - (BBAN + "ES00" as digits) mod 97.
        let remainder = IBANRule.mod97(Array(("ES00" + bban).utf8))
        let check = 98 - remainder
        let compact = "ES" + (check < 10 ? "0\(check)" : "\(check)") + bban
        return stride(from: 0, to: compact.count, by: 4).map { offset -> String in
            let start = compact.index(compact.startIndex, offsetBy: offset)
            return String(compact[start..<compact.index(start, offsetBy: min(4, compact.count - offset))])
        }.joined(separator: " ")
    }

    // MARK: phone fields and E.164

    static let nationalMobile = Cards.make("4915", length: 13)  // 13 digits, Visa-shaped, Luhn-valid

    @Test func numbersInFieldsThatNameAPhoneAreNotCards() {
        for key in ["phone", "mobilePhone", "cellPhone", "msisdn", "e164", "Fax", "tel"] {
            #expect(Self.scan("{\"\(key)\":\"\(Self.nationalMobile)\"}\n", name: "c.ndjson").isEmpty, "\(key)")
        }
        // The new phone shape: an object under a phone key.
        let object = "{\"workPhone\":{\"display\":\"\(Self.nationalMobile)\",\"e164\":\"+\(Self.nationalMobile)\",\"userInput\":\"\(Self.nationalMobile)\"}}\n"
        #expect(Self.scan(object, name: "c.ndjson").isEmpty)
        #expect(Self.scan("id,Mobile Number,notes\n1,\(Self.nationalMobile),x\n", name: "c.csv").isEmpty)
    }

    @Test func theSameNumberElsewhereIsACard() {
        #expect(Self.scan("{\"notes\":\"\(Self.nationalMobile)\"}\n", name: "c.ndjson").map(\.detector) == [.creditCard])
        #expect(Self.scan("{\"workPhone\":{\"display\":\"x\"},\"notes\":\"\(Self.nationalMobile)\"}\n", name: "c.ndjson").map(\.field) == ["notes"])
        #expect(Self.scan("id,Mobile Number,notes\n1,x,\(Self.nationalMobile)\n", name: "c.csv").map(\.field) == ["notes"])
        // SSNs are not phone numbers: a phone field does not hide one.
        #expect(Self.scan("{\"phone\":\"536-22-1234\"}\n", name: "c.ndjson").map(\.detector) == [.ssn])
        #expect(PhoneContext.namesPhone("workPhone.e164") && !PhoneContext.namesPhone("notes") && !PhoneContext.namesPhone("hotel"))
    }

    @Test func internationalNumbersAreNotCards() {
        #expect(Scan.detectors("call +\(Self.nationalMobile) now").isEmpty)
        #expect(Scan.detectors("call +49 4111 1111 1111 1111").isEmpty)
        #expect(Scan.detectors("call + 4111 1111 1111 1111").isEmpty)
        #expect(Scan.detectors("call (+44) 4111-1111-1111-1111").isEmpty)
    }

    @Test func withoutThePlusTheyAreCards() {
        #expect(Scan.detectors("ref \(Self.nationalMobile) now") == [.creditCard])
        #expect(Scan.detectors("card 4111 1111 1111 1111, +1 317 555 0123") == [.creditCard])
        #expect(Scan.detectors("total 12 + 3 = 15; card 4111 1111 1111 1111") == [.creditCard])
    }

    // MARK: CSV quoting

    @Test func quotedFieldsSpanningLinesKeepTheirColumn() {
        let csv = "id,notes,cell\n1,\"first line\nsecond, with comma \"\"quoted\"\"\n4111111111111111\",x\n2,\"y\",\(Self.nationalMobile)\n"
        let found = Self.scan(csv, name: "c.csv")
        #expect(found.map(\.field) == ["notes"])
        #expect(found.first?.line == 4)
    }
}
