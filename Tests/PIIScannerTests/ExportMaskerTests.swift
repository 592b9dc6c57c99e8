import Foundation
import Testing
@testable import PIIScanner

/// Deliverable 5: the masking job on JSON, NDJSON and CSV exports, through the shared engine.
@Suite struct ExportMaskerTests {
    static let card = Cards.make("4", length: 16)
    static let mobile = Cards.make("4915", length: 13)

    static let rules = [
        MaskingRuleSpec(object: "externalContact", field: "cellPhone", action: .partial(keepFirst: 0, keepLast: 4)),
        MaskingRuleSpec(field: "*Email", action: .hash),
        MaskingRuleSpec(field: "workPhone", action: .tokenize),
        MaskingRuleSpec(field: "cardNumber", action: .tokenize),
        MaskingRuleSpec(column: "notes", action: .redact),
    ]

    static func engine(key: String = "mask-key", maskPii: Bool = true, rules: [MaskingRuleSpec] = rules) -> MaskingEngine {
        MaskingEngine(maskPii: maskPii, rules: rules, key: MaskingKey(secret: key))
    }

    static func temp() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mask-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func mask(_ text: String, name: String, engine: MaskingEngine = engine(), kind: DocumentKind? = nil) throws -> (String, MaskStats) {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent(name), outDir = dir.appendingPathComponent("out")
        let output = outDir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: input.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: input, atomically: true, encoding: .utf8)
        let stats = try ExportMasker(engine: engine).mask(input: input.path, output: output.path, kind: kind ?? DocumentKind(path: name))
        return (try String(contentsOf: output, encoding: .utf8), stats)
    }

    static func rescan(_ text: String, name: String) -> [Finding] {
        FileScanner(factory: FindingFactory(secret: "k")).scan(MemoryByteSource(text), name: name, formatHint: name).findings
    }

    static let ndjson = """
        {"id":"c-1","firstName":"Olivia","cellPhone":"+1 317-555-0123","workEmail":"olivia@example.com","notes":"Card on file:\\n\(card) thanks","cardNumber":"\(card)"}
        {"id":"c-2","firstName":"Liam","workPhone":{"display":"+49 151 2345678","e164":"+491512345678","countryCode":"49","acceptsSMS":true},"personalEmail":"liam@example.com","notes":"ssn 536-22-1234","cardNumber":\(card)}

        """

    @Test func ndjsonContactsAreMaskedByRuleAndRescanClean() throws {
        let (out, stats) = try Self.mask(Self.ndjson, name: "externalContacts.ndjson")
        #expect(stats.records == 2)
        #expect(!out.contains(Self.card) && !out.contains("536-22-1234") && !out.contains("olivia@example.com") && !out.contains("liam@example.com"))
        #expect(out.contains("\"firstName\":\"Olivia\""))           // no rule, no PII: kept byte for byte
        #expect(out.contains("\"cellPhone\":\"***********0123\""))   // partial keep-last-4
        #expect(out.contains("\"notes\":\"[REDACTED]\""))             // column/field glob
        #expect(out.contains("\"countryCode\":"))                    // keys are never masked
        #expect(!out.contains("2345678"))                              // the phone object's strings are tokenized
        #expect(out.contains("\"acceptsSMS\":true"))                 // booleans are kept
        #expect(Self.rescan(out, name: "externalContacts.ndjson").isEmpty)
        // Valid JSON, line by line.
        for line in out.split(separator: "\n") { #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) } }
    }

    @Test func sameInputAndKeyGiveTheSameOutputAndJoinsSurvive() throws {
        let (a, _) = try Self.mask(Self.ndjson, name: "externalContacts.ndjson")
        let (b, _) = try Self.mask(Self.ndjson, name: "externalContacts.ndjson")
        let (c, _) = try Self.mask(Self.ndjson, name: "externalContacts.ndjson", engine: Self.engine(key: "another"))
        #expect(a == b)
        #expect(a != c)
        // The same email in another file (a CSV) hashes to the same value: the join survives.
        let (csv, _) = try Self.mask("id,workEmail\n7,olivia@example.com\n", name: "orders.csv")
        let hashed = try #require(csv.split(separator: "\n").last?.split(separator: ",").last.map(String.init))
        #expect(hashed.count == 64 && a.contains(hashed))
    }

    @Test func csvWithQuotesAndLineBreaksIsMaskedPerColumn() throws {
        let csv = "id,notes,cardNumber,comment\r\n1,\"multi\nline, \"\"quoted\"\" note\",\"\(Self.card)\",keep me\r\n2,plain,\(Self.card),\"card \(Self.card) here\"\r\n"
        let (out, stats) = try Self.mask(csv, name: "payments.csv")
        #expect(stats.records == 2)
        #expect(out.hasPrefix("id,notes,cardNumber,comment\r\n"))
        #expect(out.contains("1,\"[REDACTED]\","))
        #expect(out.contains(",keep me\r\n"))
        #expect(out.contains("\"card [REDACTED] here\""))  // maskPii scrub of an unruled column
        #expect(!out.contains(Self.card))
        #expect(Self.rescan(out, name: "payments.csv").isEmpty)
    }

    @Test func jsonArraysOfObjectsAreMaskedAndFormattingIsKept() throws {
        let json = "[\n  {\n    \"id\": \"c-1\",\n    \"notes\": \"pan \(Self.card)\",\n    \"amount\": 12.5\n  }\n]\n"
        let (out, stats) = try Self.mask(json, name: "export.json")
        #expect(stats.records == 1)
        #expect(out == "[\n  {\n    \"id\": \"c-1\",\n    \"notes\": \"[REDACTED]\",\n    \"amount\": 12.5\n  }\n]\n")
    }

    @Test func withoutMaskPiiOnlyRulesApply() throws {
        let (out, _) = try Self.mask("{\"memo\":\"\(Self.card)\",\"notes\":\"x\"}\n", name: "x.ndjson", engine: Self.engine(maskPii: false))
        #expect(out.contains(Self.card))
        #expect(out.contains("\"notes\":\"[REDACTED]\""))
    }

    @Test func defaultContactFieldsAreRedactedWithoutContactRules() throws {
        let engine = Self.engine(rules: [MaskingRuleSpec(dataTable: "Customers", column: "email", action: .redact)])
        let (out, _) = try Self.mask(Self.ndjson, name: "externalContacts.ndjson", engine: engine)
        #expect(out.contains("\"cellPhone\":\"[REDACTED]\"") && out.contains("\"display\":\"[REDACTED]\""))
        #expect(out.contains("\"firstName\":\"Olivia\""))
        // Data-table rules apply to their table only, and a row's key is never touched.
        let (table, _) = try Self.mask("key,email\n\(Self.card),a@b.c\n", name: "dataTables/Customers.csv", engine: engine)
        #expect(table == "key,email\n\(Self.card),[REDACTED]\n")
    }

    @Test func badInputIsAClearErrorWithoutValues() throws {
        for (text, name) in [("{\"pan\":\"\(Self.card)\",", "bad.ndjson"), ("{\"pan\": \(Self.card)x}", "bad.json"), ("a,b\n\"\(Self.card),x\n", "bad.csv"), ("plain \(Self.card)", "notes.txt")] {
            do {
                _ = try Self.mask(text, name: name)
                Issue.record("\(name) was accepted")
            } catch let error as MaskError {
                #expect(!error.description.contains(Self.card), "\(error)")
                #expect(error.description.contains(name))
            }
        }
    }

    @Test func theOutputNeverOverwritesTheInput() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("x.ndjson")
        try "{\"notes\":\"a\"}\n".write(to: input, atomically: true, encoding: .utf8)
        #expect(throws: MaskError.self) { try ExportMasker(engine: Self.engine()).mask(input: input.path, output: dir.appendingPathComponent("./x.ndjson").path, kind: .other(name: "x")) }
        #expect(try String(contentsOf: input, encoding: .utf8) == "{\"notes\":\"a\"}\n")
    }

    @Test func everyActionsOutputIsRescannedClean() {
        let engine = Self.engine(rules: [MaskingRuleSpec(field: "keep", action: .partial(keepFirst: 16, keepLast: 0))])
        let decision = engine.decision(path: ["keep"], kind: .other(name: "x"))
        #expect(engine.apply(decision, to: Self.card) == ValueMasker.redacted)
        #expect(engine.decision(path: ["workPhone", "e164"], kind: .contacts, contactRuleApplies: false) == .redactByDefault)
        #expect(MaskingEngine.windows(["a", "b"]) == ["b", "a.b", "a"])
    }
}
