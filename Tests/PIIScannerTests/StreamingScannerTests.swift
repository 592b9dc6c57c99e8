import Crypto
import Testing
@testable import PIIScanner

@Suite struct StreamingScannerTests {
    static let key = FindingFactory(key: SymmetricKey(data: Array("test-key".utf8)))

    static func scan(_ text: String, chunkSize: Int, jobs: Int = 1, name: String = "export.txt") -> [Finding] {
        let options = ScanOptions(chunkSize: chunkSize, jobs: jobs, parallelThreshold: 0)
        return FileScanner(options: options, factory: key).scan(MemoryByteSource(text), name: name, formatHint: name).findings
    }

    static func signature(_ findings: [Finding]) -> [String] { findings.map { "\($0.detector.name)@\($0.offset)+\($0.length) L\($0.line ?? 0)" } }

    static let sample = """
        id,notes
        1,"card 4111 1111 1111 1111 exp 12/28"
        2,"ssn 536-22-1234; order 2024-03-15T10:22:33Z"
        3,"amex 3782-822463-10005 and 5555555555554444"
        4,"uuid 550e8400-e29b-41d4-a716-446655440000 v1.2.3 +1 317-555-0123"
        """

    @Test func chunkedScanMatchesWholeScanForEveryChunkSize() {
        let whole = Self.signature(Self.scan(Self.sample, chunkSize: 1 << 20))
        #expect(whole.count == 4)
        for chunkSize in 1...80 {
            #expect(Self.signature(Self.scan(Self.sample, chunkSize: chunkSize)) == whole, "chunk size \(chunkSize)")
        }
    }

    @Test func aFindingStraddlingTheChunkBoundaryAtEveryOffsetIsFoundOnce() {
        let chunkSize = 16
        for card in ["4111111111111111", "4111 1111 1111 1111", "536-22-1234"] {
            // Push the value across the boundary one byte at a time, and past several boundaries.
            for padding in 0..<(3 * chunkSize) {
                let text = String(repeating: "x ", count: padding / 2) + (padding % 2 == 0 ? "" : " ") + card + " tail"
                let found = Self.scan(text, chunkSize: chunkSize)
                #expect(found.count == 1, "padding \(padding) for \(card)")
                #expect(found.first?.offset == text.utf8.count - card.utf8.count - 5)
            }
        }
    }

    @Test func longDigitRunsAcrossChunksAreNotSplit() {
        let run = String(repeating: "4111111111111111", count: 40)
        for chunkSize in [1, 7, 16, 100, 333] {
            #expect(Self.scan("a \(run) b", chunkSize: chunkSize).isEmpty)
        }
    }

    @Test func twoWorkersFindTheSameFindingsWithTheSameLines() {
        var lines: [String] = []
        for index in 0..<400 {
            switch index % 4 {
            case 0: lines.append("{\"id\":\(index),\"notes\":\"card 4111 1111 1111 1111\"}")
            case 1: lines.append("{\"id\":\(index),\"ssn\":\"536-22-1234\",\"at\":\"2024-03-15T10:22:33Z\"}")
            default: lines.append("{\"id\":\(index),\"order\":\"\(1_000_000 + index)\",\"phone\":\"+1 317-555-0123\"}")
            }
        }
        let text = lines.joined(separator: "\n")
        let one = Self.scan(text, chunkSize: 64, jobs: 1, name: "a.ndjson")
        let two = Self.scan(text, chunkSize: 64, jobs: 2, name: "a.ndjson")
        #expect(one.count == 200)
        #expect(Self.signature(one) == Self.signature(two))
        #expect(one.first?.line == 1)
        #expect(one.first?.field == "notes")
        #expect(one[1].field == "ssn")
        #expect(one.last?.line == 398)
        #expect(one.last?.record == "line 398")
    }

    @Test func csvFindingsNameTheirColumn() {
        let found = Self.scan(Self.sample, chunkSize: 1 << 20, name: "contacts.csv")
        #expect(found.map(\.field) == ["notes", "notes", "notes", "notes"])
        #expect(found.map(\.line) == [2, 3, 4, 4])
    }

    @Test func customPatternsRunPerLineAndOverlapsAreReportedOnceAsTheMostSpecificKind() throws {
        let patterns = try CustomPatternSet([(name: "employeeId", regex: "\\b\\d{3}-\\d{2}-\\d{4}\\b"), (name: "account", regex: "ACCT-[0-9]+"),
                                             (name: "fourDigits", regex: "\\d{4} \\d{4}")])
        let options = try ScanOptions(detectors: ["creditCard", "ssn", "employeeId", "account", "fourDigits"], patterns: patterns)
        let text = "ssn 536-22-1234\naccount ACCT-12345\ncard 4111 1111 1111 1111\n"
        let found = FileScanner(options: options, factory: Self.key).scan(MemoryByteSource(text), name: "t.txt").findings
        #expect(found.map(\.detector.name) == ["ssn", "account", "creditCard"])
        #expect(found.map(\.line) == [1, 2, 3])
        let records = RecordScanner(options: options, factory: Self.key).scan(source: "s", record: "r", field: "f", value: "id 536-22-1234 ACCT-9")
        #expect(records.map(\.detector.name) == ["ssn", "account"])
    }

    @Test func unknownDetectorsAndBadPatternsAreRejected() {
        #expect(throws: ScanError.self) { try ScanOptions(detectors: ["creditcard", "iban"]) }
        #expect(throws: ScanError.self) { try CustomPatternSet([(name: "bad", regex: "([")]) }
    }
}
