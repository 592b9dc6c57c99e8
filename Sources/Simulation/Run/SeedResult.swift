import EmulatorCore
import Executor
import Foundation
import Timekeeping

/// What one seed's history came to.
public struct SeedResult: Sendable {
    public struct RunResult: Sendable, Hashable {
        public var participant: Int
        public var runId: String
        public var outcome: RunOutcome
        public var message: String?
        /// Status requests per refresh the run followed, in order.
        public var statusRequests: [Int]
        /// Seconds between the platform completing the run's last refresh and the run noticing.
        public var detectionLag: Double?
        public var simulatedSeconds: Double
        /// Refreshes the platform accepted carrying this run's tags (its own record, all chains).
        public var submissions: Int = 0
        /// Where each of its processes was killed, in order: "write 12 (refresh.id)".
        public var deaths: [String] = []
    }

    public var seed: UInt64
    public var scenario: Scenario
    public var runs: [RunResult]
    /// Faults that fired, by kind (world actions included).
    public var faultsFired: [String: Int]
    public var violations: [Violation]
    /// A digest of the emulator's request log and the outcomes: equal digests, equal histories.
    public var digest: String
    public var requests: Int
    /// A setup problem (the plan did not compile); no history was produced.
    public var setupError: String?
    /// The emulated world once every run ended (only with `SimulationOptions.keepWorld`).
    public var finalWorld: World?
    /// Every log line, event and request, in order (with `trace`).
    public var trace: [String]
    /// Processes killed at a journal write, and restarts that resumed the run from the journal.
    public var crashesInjected = 0
    public var resumes = 0
    /// Per restart after a status request: seconds from the dead process's last status request
    /// to the new process's first (the polling floor across the restart).
    public var restartPollGaps: [Double] = []

    public var passed: Bool { violations.isEmpty && setupError == nil }
}

/// FNV-1a: a stable 64-bit digest with no dependency, for comparing histories.
struct HistoryDigest {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= 0x0A
        hash = hash &* 0x0000_0100_0000_01B3
    }

    var hex: String {
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
