import Crypto
import Foundation
import Testing
@testable import PIIScanner

@Suite struct FindingLeakTests {
    static let planted = ["4111111111111111", "4111 1111 1111 1111", "378282246310005", "536-22-1234"]
    static let text = "a 4111111111111111 b\nc 4111 1111 1111 1111 d\n{\"pan\":\"378282246310005\",\"ssn\":\"536-22-1234\"}\n"

    static func report() -> ScanReport {
        FileScanner(factory: FindingFactory(key: SymmetricKey(data: [1, 2, 3]))).scan(MemoryByteSource(text), name: "dump.txt")
    }

    @Test func renderingsNeverContainThePlantedValues() {
        let report = Self.report()
        #expect(report.findings.count == 4)
        let outputs = [ReportRenderer.text(report), ReportRenderer.json(report), SARIFRenderer.render(report), report.findings.map(\.summary).joined()]
        for output in outputs {
            for value in Self.planted + ["536221234", "5362", "22-1234", "8282246310"] {
                #expect(!output.contains(value), "\(value) leaked")
            }
        }
    }

    @Test func maskedRenderings() {
        let findings = Self.report().findings
        #expect(findings.map(\.masked) == ["411111******1111", "411111******1111", "3782*******0005", "***-**-****"])
    }

    @Test func fingerprintsCountRepeatsAcrossFormattingAndDependOnTheKey() {
        let findings = Self.report().findings
        #expect(findings[0].fingerprint == findings[1].fingerprint)
        #expect(findings[0].fingerprint != findings[2].fingerprint)
        #expect(Self.report().distinctValues == 3)
        let fresh = FileScanner().scan(MemoryByteSource(Self.text), name: "dump.txt").findings
        #expect(fresh[0].fingerprint != findings[0].fingerprint)
    }

    @Test func sarifShape() throws {
        let sarif = SARIFRenderer.render(Self.report())
        let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect((root["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == ["creditCard", "ssn"])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        let first = results[0]
        #expect(first["ruleId"] as? String == "creditCard")
        #expect(first["level"] as? String == "error")
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "dump.txt")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 1 && region["byteOffset"] as? Int == 2 && region["byteLength"] as? Int == 16)
        #expect((first["partialFingerprints"] as? [String: String])?[SARIFRenderer.fingerprintName]?.count == 32)
        let last = results[3]
        #expect((last["message"] as? [String: Any])?["text"] as? String == "ssn ***-**-****")
    }
}
