import ArgumentParser
import Foundation
import RunJournal
import SnapshotStore

struct SnapshotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "The sandbox snapshots kept before refreshes: sandbox, run, created, objects, size, complete, encrypted.",
        discussion: """
            Reads the snapshot directory only (default \(SnapshotCatalog.defaultDirectory), laid out <sandbox-id>/<run-id>/); \
            sends nothing and needs no key (manifests are plaintext: names and hashes, never content). \
            --keep N and --older-than AGE remove old snapshots first (see docs/operations.md, "Snapshots").
            """)

    @Option(help: "Only this sandbox's snapshots.")
    var sandbox: String?

    @Option(help: ArgumentHelp("The snapshot root.", valueName: "dir"), completion: .directory)
    var dir: String = SnapshotCatalog.defaultDirectory

    @Flag(help: "A JSON array instead of the table.")
    var json = false

    @Option(help: "Remove complete snapshots beyond the newest N per sandbox, then list what remains.")
    var keep: Int?

    @Option(help: "Remove snapshots started longer ago than this (30d, 12h, 2w), then list what remains; an incomplete one goes only by age.")
    var olderThan: String?

    func validate() throws {
        if let keep, keep < 0 { throw ValidationError("--keep takes 0 or more; got \(keep)") }
        if let olderThan, RetentionAge.parse(olderThan) == nil {
            throw ValidationError("--older-than takes an age like 30d, 12h or 2w; got '\(olderThan)'")
        }
    }

    func run() async throws {
        let catalog = SnapshotCatalog(root: URL(fileURLWithPath: dir, isDirectory: true))
        do {
            if keep != nil || olderThan != nil {
                let age = olderThan.flatMap(RetentionAge.parse).map { Duration.seconds($0) }
                let removed = try catalog.prune(keep: keep, maxAge: age, now: Date(), sandboxId: sandbox)
                Terminal.error("pruned \(removed.count) snapshot\(removed.count == 1 ? "" : "s")\(removed.isEmpty ? "" : ": " + removed.map { "\($0.sandboxId)/\($0.runId)" }.joined(separator: ", "))")
            }
            let snapshots = try catalog.list(sandboxId: sandbox)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                Terminal.write(String(decoding: try encoder.encode(snapshots), as: UTF8.self) + "\n")
            } else {
                Terminal.write(Self.table(snapshots, root: dir))
            }
        } catch let error as SnapshotError {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }

    static func table(_ snapshots: [SnapshotSummary], root: String) -> String {
        guard !snapshots.isEmpty else { return "no snapshots under \(root)\n" }
        let header = ["SANDBOX", "RUN ID", "CREATED", "OBJECTS", "SIZE", "STATE", "ENCRYPTED"]
        let cells = snapshots.map { s in
            [s.sandboxId, s.runId, JournalAccess.timestamp(s.createdAt), String(s.objectCount), bytes(s.totalBytes),
             s.problem != nil ? "unreadable" : s.complete ? "complete" : "incomplete", s.encrypted ? "yes" : "no"]
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = [line(header)] + cells.map(line)
        let incomplete = snapshots.filter { !$0.complete }.count
        out.append("\(snapshots.count) snapshot\(snapshots.count == 1 ? "" : "s") under \(root)"
            + (incomplete == 0 ? "" : "; \(incomplete) incomplete (a run stopped while writing it, or is still writing)"))
        return out.joined(separator: "\n") + "\n"
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 30 { return String(format: "%.1f GiB", Double(count) / Double(1 << 30)) }
        if count >= 1 << 20 { return String(format: "%.1f MiB", Double(count) / Double(1 << 20)) }
        if count >= 1 << 10 { return String(format: "%.1f KiB", Double(count) / Double(1 << 10)) }
        return "\(count) B"
    }
}
