import Testing
@testable import PIIScanner

/// Deliverable 1: in JSON and NDJSON, values are read as decoded strings (escapes resolved),
/// while positions stay the file's own line, column and byte offset.
@Suite struct EscapedJSONTests {
    static let card = "4111111111111111"

    static func scan(_ text: String, name: String = "export.ndjson", chunkSize: Int = 1 << 20, jobs: Int = 1) -> [Finding] {
        let options = ScanOptions(chunkSize: chunkSize, jobs: jobs, parallelThreshold: 0)
        return FileScanner(options: options, factory: FindingFactory(secret: "k")).scan(MemoryByteSource(text), name: name, formatHint: name).findings
    }

    @Test(arguments: ["\\n", "\\t", "\\r", "\\b", "\\f", "\\\"", "\\/", "\\\\", "\\u00a0", "\\u2028", "\\u0020", "\\u003a "])
    func aValueAfterAnEscapeIsFound(escape: String) {
        let line = "{\"notes\":\"Card on file:\(escape)\(Self.card) ok\"}"
        let found = Self.scan(line)
        #expect(found.map(\.detector) == [.creditCard], "after \(escape)")
        #expect(found.first?.offset == line.utf8.count - Self.card.count - 5)
        #expect(found.first?.field == "notes")
    }

    @Test(arguments: ["\\n", "\\t", "\\u00a0", "\\\""])
    func aValueBeforeAnEscapeIsFound(escape: String) {
        #expect(Self.scan("{\"notes\":\"Visa \(Self.card)\(escape)exp 12/28\"}").map(\.detector) == [.creditCard], "before \(escape)")
        #expect(Self.scan("{\"notes\":\"ssn 536-22-1234\(escape)thanks\"}").map(\.detector) == [.ssn])
    }

    @Test func groupedCardsAndSSNsAfterEscapesAreFound() {
        let text = "{\"t\":\"Agent:\\nVisa\\t4111 1111 1111 1111\\nSSN:\\n536-22-1234\"}"
        #expect(Self.scan(text).map(\.detector) == [.creditCard, .ssn])
    }

    @Test func lettersThatAreNotEscapesStillGlue() {
        // `\\n` is an escaped backslash and a real letter n: the number is glued to a letter.
        #expect(Self.scan("{\"notes\":\"path C:\\\\n\(Self.card)\"}").isEmpty)
        #expect(Self.scan("{\"notes\":\"id n\(Self.card)\"}").isEmpty)
        // \u0041 is "A": a letter glued to the number.
        #expect(Self.scan("{\"notes\":\"\\u0041\(Self.card)\"}").isEmpty)
        // A run that starts inside an escape's hex digits and goes on is one long number.
        #expect(Self.scan("{\"notes\":\"\\u00a\(Self.card)\"}").isEmpty)
    }

    @Test func plainTextKeepsReadingBackslashesAsText() {
        // Outside JSON an `n` after a backslash is a letter, as before.
        #expect(Self.scan("log: Card on file:\\n\(Self.card)\n", name: "transcript.txt").isEmpty)
        #expect(Self.scan("log: Card on file: \(Self.card)\n", name: "transcript.txt").count == 1)
    }

    @Test func positionsAreTheFilesOwnLineAndColumn() {
        let text = "{\"id\":1,\"notes\":\"x\"}\n{\"id\":2,\"notes\":\"é:\\n\(Self.card)\"}\n"
        let found = Self.scan(text)
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        // Columns count Unicode scalars: `{"id":2,"notes":"é:\n` is 21 of them.
        #expect(found.first?.column == 22)
        #expect(found.first?.record == "line 2")
    }

    @Test func escapesAcrossChunkBoundariesAndWorkersGiveTheSameFindings() {
        var lines: [String] = []
        for index in 0..<300 {
            let escape = ["\\n", "\\t", "\\u00a0", "\\r\\n"][index % 4]
            lines.append("{\"id\":\(index),\"notes\":\"Card on file:\(escape)\(Self.card)\",\"phone\":\"+1 317-555-0123\"}")
        }
        let text = lines.joined(separator: "\n")
        let whole = Self.scan(text).map { "\($0.offset) L\($0.line ?? 0):\($0.column ?? 0) \($0.field ?? "")" }
        #expect(whole.count == 300)
        for chunkSize in [16, 61, 257] {
            #expect(Self.scan(text, chunkSize: chunkSize).map { "\($0.offset) L\($0.line ?? 0):\($0.column ?? 0) \($0.field ?? "")" } == whole)
        }
        #expect(Self.scan(text, chunkSize: 97, jobs: 2).map { "\($0.offset) L\($0.line ?? 0):\($0.column ?? 0) \($0.field ?? "")" } == whole)
    }

    @Test func userPatternsSeeDecodedStringsAndReportRawPositions() throws {
        let patterns = try CustomPatternSet([(name: "account", regex: "\\bACCT-[0-9]+\\b")])
        let options = try ScanOptions(detectors: ["account"], patterns: patterns)
        let line = "{\"notes\":\"Account:\\nACCT-123\\u0021 ok\"}"
        let found = FileScanner(options: options, factory: FindingFactory(secret: "k")).scan(MemoryByteSource(line), name: "x.ndjson", formatHint: "x.ndjson").findings
        #expect(found.count == 1)
        #expect(found.first?.offset == line.utf8.count - "ACCT-123\\u0021 ok\"}".utf8.count)
        #expect(found.first?.length == 8)
        #expect(found.first?.field == "notes")
    }

    @Test func nestedFieldsAreNamedByTheirPath() {
        let text = """
            [
              {"id": "c-1", "address": {"city": "Dublin", "notes": ["see \(Self.card)"]}},
              {"id": "c-2", "payment": {"card": {"pan": "\(Self.card)"}}}
            ]
            """
        #expect(Self.scan(text, name: "contacts.json").map(\.field) == ["address.notes", "payment.card.pan"])
    }
}
