import Testing
@testable import PIIScanner

/// Deliverable 3: a report keeps the first findings with positions and counts every finding,
/// whatever the file holds.
@Suite struct BoundedReportTests {
    static func csv(cards: Int) -> String {
        var lines = ["id,card"]
        for index in 0..<cards { lines.append("\(index),\(Cards.make("4", length: 16 + 0 * index))") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func detailIsCappedAndCountsAreComplete() {
        let text = Self.csv(cards: 5000)
        var options = ScanOptions(chunkSize: 4096, jobs: 2, parallelThreshold: 0)
        options.detailLimit = 25
        let report = FileScanner(options: options, factory: FindingFactory(secret: "k")).scan(MemoryByteSource(text), name: "backup.csv", formatHint: "backup.csv")
        #expect(report.findings.count == 25)
        #expect(report.totalFindings == 5000)
        #expect(report.omittedFindings == 4975)
        #expect(report.counts == ["creditCard": 5000])
        #expect(report.findings.map(\.line) == Array(2...26))
        #expect(report.findings.allSatisfy { $0.field == "card" })
        // One value repeated: one distinct value.
        #expect(report.distinctValues == 1)
        let text2 = ReportRenderer.text(report)
        #expect(text2.contains("4975 more finding(s) not listed"))
        #expect(text2.contains("5000 finding(s) (creditCard 5000)"))
    }

    @Test func distinctValuesAreExactWhenFewAndEstimatedWhenMany() {
        var small = DistinctCounter()
        for index in 0..<1000 { small.insert("fp-\(index % 300)") }
        #expect(small.count == 300 && !small.isEstimate)
        var large = DistinctCounter()
        for index in 0..<100_000 { large.insert("fp-\(index)") }
        #expect(large.isEstimate)
        #expect(abs(large.count - 100_000) < 6000, "\(large.count)")
        var merged = small
        merged.merge(large)
        #expect(abs(merged.count - 100_000) < 6000)
    }

    @Test func customPatternMatchesAreCappedAndResolvedAgainstBuiltIns() throws {
        let patterns = try CustomPatternSet([(name: "digits16", regex: "\\d{16}"), (name: "account", regex: "ACCT-[0-9]+")])
        var options = try ScanOptions(detectors: ["creditCard", "ssn", "digits16", "account"], patterns: patterns)
        options.detailLimit = 3
        var lines: [String] = []
        for index in 0..<50 { lines.append("card 4111111111111111 ACCT-\(index)") }
        let report = FileScanner(options: options, factory: FindingFactory(secret: "k")).scan(MemoryByteSource(lines.joined(separator: "\n")), name: "t.txt")
        // The 16-digit pattern overlaps every card: the card wins, the pattern is not counted.
        #expect(report.counts == ["creditCard": 50, "account": 50])
        #expect(report.findings.map(\.detector.name) == ["creditCard", "account", "creditCard"])
    }

    @Test func theStreamedJSONReportListsTheDetailAndTheTotals() throws {
        var options = ScanOptions()
        options.detailLimit = 2
        let report = FileScanner(options: options, factory: FindingFactory(secret: "k")).scan(MemoryByteSource(Self.csv(cards: 10)), name: "b.csv")
        let json = ReportRenderer.json(report)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((decoded["findings"] as? [Any])?.count == 2)
        #expect(decoded["totalFindings"] as? Int == 10 && decoded["omittedFindings"] as? Int == 8)
        #expect((decoded["counts"] as? [String: Int]) == ["creditCard": 10])
    }
}

import Foundation
