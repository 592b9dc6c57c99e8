import Foundation

/// Maps failing flows to the git commit that last touched their file in the plan's
/// `gates.validateFlows.sourceRepository`, so a broken reference leads to the change that
/// introduced it (guide section 3: "matching flow names to Git commit hashes").
public struct FlowCommit: Sendable, Hashable, Codable {
    public var flowName: String
    public var file: String
    public var commit: String
    public var author: String
    public var date: String
    public var subject: String
}

public enum FlowCommitLookup {
    /// A flow's file is the tracked file whose name, without extension, equals the flow name
    /// or its slug (`Main IVR` → `main-ivr`, `main_ivr`).
    public static func lookup(flowNames: [String], repository: String) async -> [FlowCommit] {
        guard !flowNames.isEmpty, let listing = await git(["ls-files"], in: repository) else { return [] }
        let files = listing.split(separator: "\n").map(String.init)
        var byStem: [String: String] = [:]
        for file in files {
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
            if byStem[stem] == nil { byStem[stem] = file }
        }
        var commits: [FlowCommit] = []
        for name in flowNames {
            let candidates = [name.lowercased(), slug(name, "-"), slug(name, "_")]
            guard let file = candidates.lazy.compactMap({ byStem[$0] }).first,
                  let line = await git(["log", "-1", "--format=%H%x09%an%x09%aI%x09%s", "--", file], in: repository),
                  !line.isEmpty else { continue }
            let parts = line.trimmingCharacters(in: .newlines).split(separator: "\t", maxSplits: 3).map(String.init)
            guard parts.count == 4 else { continue }
            commits.append(FlowCommit(flowName: name, file: file, commit: parts[0], author: parts[1], date: parts[2], subject: parts[3]))
        }
        return commits
    }

    static func slug(_ name: String, _ separator: Character) -> String {
        let mapped = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : separator }
        return String(mapped).split(separator: separator).joined(separator: String(separator))
    }

    /// Git's standard output, or nil when it fails. The child is waited for on a thread of its
    /// own: a blocking wait on the concurrency pool would hold one of its few threads (two on a
    /// 2-core runner) for as long as git takes.
    static func git(_ arguments: [String], in repository: String) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: runGit(arguments, in: repository)) }
            thread.name = "sandbox-refresh.git"
            thread.start()
        }
    }

    private static func runGit(_ arguments: [String], in repository: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
