import Foundation
import PlanGraph

/// Every automated refresh carries a run id: `--run-id`, else the CI system's own, else a new one.
/// Whichever it is, it must satisfy `RunIdGrammar` (it becomes a directory name, a journal key and
/// the description tag), so a hostile or malformed id is refused before anything is sent.
public enum RunIdentity {
    public static let ciVariables = ["GITHUB_RUN_ID", "CI_PIPELINE_ID", "BUILD_BUILDID"]

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// The run id and whether the caller chose it (explicitly or through CI): a chosen id that the
    /// journal knows is the same run again, a generated one never is.
    public static func resolve(explicit: String?, environment: [String: String], now: Date = Date()) throws -> (id: String, chosen: Bool) {
        if let explicit {
            if let problem = RunIdGrammar.problem(explicit) {
                throw Invalid(description: "--run-id \(RunIdGrammar.quoted(explicit)) is not a valid run id: \(problem) (a run id is \(RunIdGrammar.summary))")
            }
            return (explicit, true)
        }
        for name in ciVariables {
            guard let value = environment[name], !value.isEmpty else { continue }
            let id = "\(name.lowercased().replacingOccurrences(of: "_", with: "-"))-\(value)"
            if let problem = RunIdGrammar.problem(id) {
                throw Invalid(description: "\(name)=\(RunIdGrammar.quoted(value)) does not give a valid run id: \(problem) (a run id is \(RunIdGrammar.summary)); pass --run-id")
            }
            return (id, true)
        }
        let stamp = now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateSeparator(.omitted).timeSeparator(.omitted).dateTimeSeparator(.standard))
        let suffix = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        return ("sr-\(stamp.replacingOccurrences(of: "T", with: "-").replacingOccurrences(of: "Z", with: ""))-\(suffix)", false)
    }

    /// A stable seed for the run's jitter (FNV-1a of the id): a resumed run draws the same waits,
    /// unlike `hashValue`, which changes with every process.
    public static func seed(_ runId: String) -> UInt64 {
        runId.utf8.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
