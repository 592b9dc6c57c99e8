import Foundation

/// Every automated refresh carries a run id: `--run-id`, else the CI system's own, else a new one.
enum RunIdentity {
    static let ciVariables = ["GITHUB_RUN_ID", "CI_PIPELINE_ID", "BUILD_BUILDID"]

    static func resolve(explicit: String?, environment: [String: String], now: Date = Date()) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        for name in ciVariables {
            if let value = environment[name], !value.isEmpty { return "\(name.lowercased().replacingOccurrences(of: "_", with: "-"))-\(value)" }
        }
        let stamp = now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateSeparator(.omitted).timeSeparator(.omitted).dateTimeSeparator(.standard))
        let suffix = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        return "sr-\(stamp.replacingOccurrences(of: "T", with: "-").replacingOccurrences(of: "Z", with: ""))-\(suffix)"
    }

    /// A stable seed for the run's jitter (FNV-1a of the id): a resumed run draws the same waits,
    /// unlike `hashValue`, which changes with every process.
    static func seed(_ runId: String) -> UInt64 {
        runId.utf8.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
