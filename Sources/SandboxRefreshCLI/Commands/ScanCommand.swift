import ArgumentParser
import Foundation
import PIIScanner
import PlanGraph

/// `sandbox-refresh scan`: the compliance scanner for exports and backups, as CI runs it.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan exports and backups (JSON, NDJSON, CSV, text) for card numbers, SSNs and custom patterns.",
        discussion: """
            Findings show a masked rendering (a card's first six and last four digits at most, an SSN's kind only) \
            and a keyed fingerprint; raw values are never printed. JSON and NDJSON are read through string escapes \
            and name each finding's key path; CSV names its column. Numbers in phone fields, grouped IBANs and \
            international phone numbers are not cards. Memory stays bounded whatever the file size and the number \
            of findings: each file lists its first --detail-limit findings and counts the rest. Fingerprints are \
            stable across runs with --fingerprint-key or --plan (the plan's masking.hashKey), random per run otherwise. \
            Exit status: 0 no findings, 1 findings, 2 bad input.
            """)

    @Argument(help: "Files or directories (directories are walked recursively).", completion: .file())
    var paths: [String]

    @Option(help: "Output format: text, json or sarif.")
    var format: String = "text"

    @Option(help: "Detectors to run, comma-separated: creditCard, ssn, and names of --pattern.")
    var detectors: String?

    @Option(name: .customLong("pattern"), help: "A custom pattern NAME=REGEX (repeatable); it runs in addition to --detectors.")
    var patterns: [String] = []

    @Option(help: "Worker threads for large files (2 uses both cores of a CI runner).")
    var jobs: Int = 1

    @Option(help: "Bytes read per chunk.")
    var chunkSize: Int = 1 << 20

    @Option(help: "Findings listed with their position per file; the rest are counted by kind.")
    var detailLimit: Int = ScanReport.defaultDetailLimit

    @Option(help: "Key for stable fingerprints: env:NAME or file:PATH.")
    var fingerprintKey: String?

    @Option(help: "Take the fingerprint key from this plan's masking.hashKey.", completion: .file())
    var plan: String?

    func run() throws {
        guard ["text", "json", "sarif"].contains(format) else { throw fail("unknown --format '\(format)' (text, json or sarif)") }
        guard detailLimit >= 0 else { throw fail("--detail-limit must be 0 or more") }
        let scanner: FileScanner
        let detectorNames: [String]
        do {
            let definitions = try patterns.map { definition -> (name: String, regex: String) in
                guard let equals = definition.firstIndex(of: "="), equals != definition.startIndex else {
                    throw ScanError.invalidPattern(name: definition, reason: "expected NAME=REGEX")
                }
                return (String(definition[..<equals]), String(definition[definition.index(after: equals)...]))
            }
            let set = try CustomPatternSet(definitions)
            let names = (detectors.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? ["creditCard", "ssn"])
                + definitions.map(\.name)
            var options = try ScanOptions(detectors: names, patterns: set)
            options.jobs = max(1, jobs)
            options.chunkSize = max(4096, chunkSize)
            options.detailLimit = detailLimit
            detectorNames = Array(Set(names.map { PIIDetector(builtInName: $0)?.name ?? $0 }))
            scanner = FileScanner(options: options, factory: try factory())
        } catch let error as ScanError {
            throw fail(error.description)
        } catch let error as MaskingSetup.Failure {
            throw fail(error.description)
        }
        let files = try expand(paths)
        var writer = ScanReportWriter.make(format: format, detectors: detectorNames)
        var totals = ScanReport(detailLimit: detailLimit)
        for file in files {
            var report: ScanReport
            do {
                report = try scanner.scan(path: file)
            } catch {
                throw fail(error.description)
            }
            // The file's part is written now; only its counts are kept.
            writer.write(report)
            report.findings = []
            totals.merge(report)
        }
        writer.finish(totals)
        if totals.totalFindings > 0 { throw ExitCode(1) }
    }

    private func factory() throws -> FindingFactory {
        if let fingerprintKey {
            return FindingFactory(secret: try MaskingSetup.commandLineKey(fingerprintKey, option: "--fingerprint-key"))
        }
        if let plan {
            guard let key = try MaskingSetup.hashKey(try MaskingSetup.policy(planPath: plan)) else {
                throw MaskingSetup.Failure(description: "\(plan) has no masking.hashKey to take fingerprints from; pass --fingerprint-key")
            }
            return FindingFactory(secret: key)
        }
        if format == "sarif" {
            Terminal.error("scan: note: fingerprints use a random key for this run only, so code scanning cannot match findings across runs; pass --fingerprint-key env:NAME or --plan PLAN")
        }
        return FindingFactory()
    }

    /// Files under the given paths, in a stable order; a missing path is bad input.
    private func expand(_ paths: [String]) throws -> [String] {
        do { return try FileWalk.files(paths) } catch let error as FileWalk.Missing { throw fail(error.description) }
    }

    private func fail(_ message: String) -> ExitCode {
        Terminal.error("scan: \(message)")
        return ExitCode(2)
    }
}
