import Crypto
import Foundation
import Testing
import TestSupport
@testable import PIIScanner

/// `scan --format sarif` output against the OASIS SARIF 2.1.0 schema (Tests/Fixtures), and the
/// fingerprints code-scanning views match findings on.
@Suite struct SARIFSchemaTests {
    static let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sarif-schema-2.1.0.json")
    static let text = "a 4111111111111111 b\nc 4111 1111 1111 1111 d\n{\"pan\":\"378282246310005\",\"ssn\":\"536-22-1234\"}\n"

    static func validator() throws -> JSONSchemaValidator {
        let data = try Data(contentsOf: schemaURL)
        return JSONSchemaValidator(root: try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    static func report(key: String, name: String = "dump.txt", text: String = text, detailLimit: Int = 1000) -> ScanReport {
        var options = ScanOptions()
        options.detailLimit = detailLimit
        return FileScanner(options: options, factory: FindingFactory(secret: key)).scan(MemoryByteSource(text), name: name)
    }

    static func node(_ text: String) throws -> JSONSchemaValidator.Node {
        try JSONDecoder().decode(JSONSchemaValidator.Node.self, from: Data(text.utf8))
    }

    @Test func sarifOutputValidatesAgainstTheSchema() throws {
        let validator = try Self.validator()
        for report in [Self.report(key: "k"), ScanReport(), Self.report(key: "k", detailLimit: 1)] {
            let errors = validator.validate(try Self.node(SARIFRenderer.render(report)))
            #expect(errors.isEmpty, "\(errors.prefix(5))")
        }
        // The streamed form with several files and a custom rule validates too.
        var out = ""
        var writer = SARIFReportWriter(detectors: ["creditCard", "ssn", "employeeId"], toolVersion: SARIFRenderer.testToolVersion) { out += $0 }
        writer.write(Self.report(key: "k", name: "a dir/b.csv"))
        writer.write(Self.report(key: "k", name: "/abs/c.ndjson"))
        writer.finish(ScanReport())
        #expect(validator.validate(try Self.node(out)).isEmpty)
    }

    @Test func theValidatorRejectsWhatTheSchemaForbids() throws {
        let validator = try Self.validator()
        #expect(!validator.validate(try Self.node("{\"version\":\"2.1.0\"}")).isEmpty)
        #expect(!validator.validate(try Self.node("{\"version\":\"2.0.0\",\"runs\":[]}")).isEmpty)
        #expect(!validator.validate(try Self.node("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{}}}]}")).isEmpty)
        #expect(!validator.validate(try Self.node("{\"version\":\"2.1.0\",\"runs\":[],\"extra\":1}")).isEmpty)
    }

    @Test func fingerprintsAreStableAcrossRunsWithTheSameKeyAndNeverTheValue() throws {
        let first = SARIFRenderer.render(Self.report(key: "fingerprint-key"))
        let second = SARIFRenderer.render(Self.report(key: "fingerprint-key"))
        let other = SARIFRenderer.render(Self.report(key: "another-key"))
        func prints(_ sarif: String) throws -> [String] {
            let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
            let results = try #require((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFRenderer.fingerprintName] }
        }
        let a = try prints(first), b = try prints(second), c = try prints(other)
        #expect(a.count == 4 && a == b)
        #expect(Set(a).isDisjoint(with: c))
        // The same card in one file, formatted twice, is one value; in another file, another result.
        #expect(a[0] == a[1])
        let elsewhere = try prints(SARIFRenderer.render(Self.report(key: "fingerprint-key", name: "other.txt")))
        #expect(elsewhere[0] != a[0])
        // Neither the value nor an unkeyed hash of it appears.
        let plain = Hex.encode(SHA256.hash(data: Array("4111111111111111".utf8)))
        for value in ["4111111111111111", "378282246310005", "536-22-1234", String(plain.prefix(24))] { #expect(!first.contains(value)) }
    }

    @Test func informationUriNamesTheReadmeSection() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(SARIFRenderer.render(ScanReport()).utf8)) as? [String: Any])
        let driver = try #require(((root["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let uri = try #require(driver["informationUri"] as? String)
        #expect(uri.hasSuffix("README.md#scanning-exports-for-pii"))
        let readme = try String(contentsOf: Self.schemaURL.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("## Scanning exports for PII"))
    }

    @Test func resultsCarryLineAndColumn() throws {
        let sarif = SARIFRenderer.render(Self.report(key: "k", text: "héllo wörld 4111111111111111\n"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let region = try #require((((run["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 1 && region["startColumn"] as? Int == 13 && region["byteOffset"] as? Int == 14)
    }
}
