import ArgumentParser
import Foundation
import PIIScanner

/// `sandbox-refresh scan`: the compliance scanner for exports and backups, as CI runs it.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan exports and backups (JSON, NDJSON, CSV, text) for card numbers, SSNs and custom patterns.",
        discussion: """
            Findings show a masked rendering (a card's first six and last four digits at most, an SSN's kind only) \
            and a keyed fingerprint that counts repeats within one scan; raw values are never printed. \
            Memory stays constant whatever the file size. Exit status: 0 no findings, 1 findings, 2 bad input.
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

    func run() throws {
        guard ["text", "json", "sarif"].contains(format) else { throw fail("unknown --format '\(format)' (text, json or sarif)") }
        let scanner: FileScanner
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
            scanner = FileScanner(options: options)
        } catch let error as ScanError {
            throw fail(error.description)
        }
        var report = ScanReport()
        for file in try expand(paths) {
            do {
                report.merge(try scanner.scan(path: file))
            } catch {
                throw fail(error.description)
            }
        }
        switch format {
        case "json": Terminal.write(ReportRenderer.json(report) + "\n")
        case "sarif": Terminal.write(SARIFRenderer.render(report) + "\n")
        default: Terminal.write(ReportRenderer.text(report))
        }
        if !report.findings.isEmpty { throw ExitCode(1) }
    }

    /// Files under the given paths, in a stable order; a missing path is bad input.
    private func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw fail("\(path): no such file or directory") }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let walker = manager.enumerator(atPath: path)
            var found: [String] = []
            while let relative = walker?.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                var nested: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue { found.append(full) }
            }
            files += found.sorted()
        }
        return files
    }

    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("scan: \(message)\n".utf8))
        return ExitCode(2)
    }
}
