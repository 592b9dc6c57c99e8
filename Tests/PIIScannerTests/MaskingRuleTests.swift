import Testing
@testable import PIIScanner

@Suite struct MaskingRuleTests {
    let key = MaskingKey(secret: "k")

    @Test func globs() {
        #expect(Glob.matches("*phone*", "cellPhone"))
        #expect(Glob.matches("work?hone", "workPhone"))
        #expect(Glob.matches("Notes", "notes"))
        #expect(!Glob.matches("phone", "workPhone"))
        #expect(Glob.matches("*", ""))
    }

    @Test func contactRulesMatchObjectAndField() {
        let rule = MaskingRuleSpec(object: "externalContact", field: "*Phone", action: .redact)
        #expect(rule.appliesToContact(field: "workPhone"))
        #expect(!rule.appliesToContact(field: "notes"))
        #expect(!rule.appliesToRow(column: "workPhone", tableId: "t1", tableName: "VIP"))
        #expect(MaskingRuleSpec(field: "city", action: .redact).appliesToContact(field: "address.city"))
        #expect(!MaskingRuleSpec(object: "queue", field: "*", action: .redact).appliesToContact(field: "notes"))
    }

    @Test func tableRulesMatchByNameOrIdAndColumn() {
        let rule = MaskingRuleSpec(dataTable: "Customer*", column: "phone", action: .hash)
        #expect(rule.appliesToRow(column: "phone", tableId: "t1", tableName: "Customer VIP List"))
        #expect(!rule.appliesToRow(column: "phone", tableId: "t1", tableName: "Holiday Overrides"))
        #expect(MaskingRuleSpec(dataTable: "t1", column: "phone", action: .hash).appliesToRow(column: "phone", tableId: "t1", tableName: "x"))
        #expect(!rule.appliesToContact(field: "phone"))
    }

    @Test func maskerAppliesTheFirstMatchingRuleAndScrubsTheRest() {
        let masker = PIIMasker(maskPii: true, rules: [
            MaskingRuleSpec(object: "externalContact", field: "cellPhone", action: .tokenize),
            MaskingRuleSpec(object: "externalContact", field: "*Phone", action: .partial(keepFirst: 0, keepLast: 4)),
        ], key: key)
        let masked = masker.maskContact(["cellPhone": "+1 317-555-0100", "workPhone": "+1 317-555-0123", "notes": "card 4111111111111111 ok", "firstName": "Olivia"])
        #expect(masked["workPhone"] == "***********0123")
        #expect(masked["cellPhone"]?.hasPrefix("+1 317-") == true && masked["cellPhone"] != "+1 317-555-0100")
        #expect(masked["notes"] == "card [REDACTED] ok")
        #expect(masked["firstName"] == "Olivia")
    }

    @Test func maskPiiWithoutRulesRedactsContactPIIFields() {
        let masker = PIIMasker(maskPii: true, rules: [], key: key)
        let masked = masker.maskContact(["workEmail": "a@b.c", "address.address1": "1 Oak St", "lastName": "Kim", "notes": "SSN 536-22-1234"])
        #expect(masked == ["workEmail": "[REDACTED]", "address.address1": "[REDACTED]", "lastName": "Kim", "notes": "SSN [REDACTED]"])
    }

    @Test func rowsKeepTheirKeyAndHashJoinsAcrossTables() {
        let masker = PIIMasker(maskPii: false, rules: [MaskingRuleSpec(dataTable: "*", column: "phone", action: .hash)], key: key)
        let a = masker.maskRow(["key": "+1 317-555-0123", "phone": "+1 317-555-0123"], tableId: "t1", tableName: "A")
        let b = masker.maskRow(["key": "r2", "phone": "+1 317-555-0123"], tableId: "t2", tableName: "B")
        #expect(a["key"] == "+1 317-555-0123")
        #expect(a["phone"] == b["phone"] && a["phone"] != "+1 317-555-0123")
        #expect(PIIMasker(maskPii: false, rules: [], key: key).isIdentity)
    }

    @Test func wireRulesParse() {
        let rule = MaskingRuleSpec(object: nil, field: "notes", dataTable: nil, column: nil, action: "partial", keepFirst: 2, keepLast: 2)
        #expect(rule.action == .partial(keepFirst: 2, keepLast: 2))
        #expect(MaskAction(wire: "HASH") == .hash && MaskAction(wire: "tokenize").wireName == "tokenize")
    }
}
