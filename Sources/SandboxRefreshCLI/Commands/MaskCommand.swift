import ArgumentParser
import Foundation
import PIIScanner
import RefreshPlan

/// `sandbox-refresh mask`: the pre-refresh masking job of the guide's edge case 3. Applies the
/// plan's `masking` section to production exports before they go anywhere near a sandbox.
struct MaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mask",
        abstract: "Mask production exports (JSON, NDJSON, CSV) with the plan's masking rules, into another directory.",
        discussion: """
            Applies masking.rules (first match wins: redact, partial, hash, tokenize) and, with masking.maskPii, \
            redacts card numbers and SSNs in every other field, with the same rule engine as the refresh's \
            masking and the same detectors as `scan` and the PII gate; a masked field never holds a card number \
            or SSN afterwards. hash and tokenize use masking.hashKey (HMAC-SHA-256): the same input and key give \
            the same output, so joins across files survive. Files stream through (memory stays bounded), are \
            written to a temporary file and renamed when complete, and never overwrite their input. \
            Rules with `object` or `dataTable` apply by the export's object: --object, or the file's name \
            (externalContacts.ndjson; dataTables/NAME.csv is the data table NAME). \
            Prints counts per file, never values. Exit status: 0 masked, 2 bad input (plan, key, export).
            """)

    @Argument(help: "The refresh plan whose masking section applies.", completion: .file())
    var plan: String

    @Argument(help: "Export files or directories (directories are walked; their layout is kept under --out).", completion: .file())
    var exports: [String]

    @Option(help: "Directory for the masked files (created if missing).", completion: .directory)
    var out: String

    @Option(help: "What every export holds, for rules with `object`/`dataTable`: externalContacts, dataTable:NAME, or another object name.")
    var object: String?

    func run() throws {
        let engine = try makeEngine()
        let entries = try plannedEntries()
        let masker = ExportMasker(engine: engine)
        for entry in entries {
            do {
                try FileManager.default.createDirectory(atPath: (entry.target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw fail("cannot create \((entry.target as NSString).deletingLastPathComponent): \(error.localizedDescription)")
            }
            let kind = object.map(DocumentKind.init(objectName:)) ?? DocumentKind(path: entry.relative)
            let stats: MaskStats
            do {
                stats = try masker.mask(input: entry.path, output: entry.target, kind: kind)
            } catch {
                throw fail(error.description)
            }
            Terminal.write("\(entry.path) -> \(entry.target): \(stats.summary) [\(kind)]\n")
        }
    }

    private func makeEngine() throws -> MaskingEngine {
        do {
            let policy = try MaskingSetup.policy(planPath: plan)
            let rules = MaskingSetup.rules(policy)
            guard policy.maskPii || !rules.isEmpty else {
                throw MaskingSetup.Failure(description: "\(plan) masks nothing: it has no masking.rules and masking.maskPii is false")
            }
            let key = try MaskingSetup.hashKey(policy)
            if key == nil, let index = rules.firstIndex(where: { $0.action == .hash || $0.action == .tokenize }) {
                throw MaskingSetup.Failure(description: "masking rule \(index + 1) (\(rules[index].action.wireName)) needs masking.hashKey, which \(plan) does not set")
            }
            // Without hash or tokenize rules the key is never used; any fixed one will do.
            return MaskingEngine(maskPii: policy.maskPii, rules: rules, key: MaskingKey(secret: key ?? "unused"))
        } catch let failure as MaskingSetup.Failure {
            throw fail(failure.description)
        }
    }

    /// Every export with its output path, checked before anything is written.
    private func plannedEntries() throws -> [(path: String, relative: String, target: String)] {
        let entries: [(path: String, relative: String)]
        do { entries = try FileWalk.entries(exports) } catch let missing as FileWalk.Missing { throw fail(missing.description) }
        guard !entries.isEmpty else { throw fail("no export files under \(exports.joined(separator: ", "))") }
        let targets = entries.map { (out as NSString).appendingPathComponent($0.relative) }
        if let duplicate = Dictionary(grouping: targets, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw fail("two exports would be written to \(duplicate); mask them into separate directories")
        }
        for (entry, target) in zip(entries, targets) {
            if ExportMasker.sameFile(entry.path, target) {
                throw fail("\(entry.path): --out \(out) would overwrite it; masking never writes in place")
            }
        }
        return zip(entries, targets).map { (path: $0.path, relative: $0.relative, target: $1) }
    }

    private func fail(_ message: String) -> ExitCode {
        Terminal.error("mask: \(message)")
        return ExitCode(2)
    }
}
