import Foundation
import Timekeeping

/// Where a simulated process dies: at one of its own journal writes (counted from 1 in each
/// process, so a resumed process counts again), or at the nth write of one kind (tests aim at a
/// precise instant, such as the refresh id of a submission that already left).
public enum CrashPoint: Sendable, Hashable, CustomStringConvertible {
    case write(Int)
    /// `kind` is a `JournalEntry.kind` (`refresh.id`, `request.about-to-send`, `status`, ...).
    case entry(kind: String, occurrence: Int)

    public var description: String {
        switch self {
        case .write(let n): return "write \(n)"
        case .entry(let kind, let occurrence): return "\(kind) #\(occurrence)"
        }
    }
}

/// One death and the restart that follows it.
public struct Crash: Sendable, Hashable, CustomStringConvertible {
    public var point: CrashPoint
    /// Time from the kill to the new process starting: a supervisor restarts within seconds, a
    /// cron line or an operator after minutes. Short restarts are what the polling floor has to
    /// survive (the dead process's last status request was moments ago).
    public var restartAfter: Duration

    public init(point: CrashPoint, restartAfter: Duration) {
        self.point = point
        self.restartAfter = restartAfter
    }

    public var description: String { "kill at \(point), restart after \(restartAfter.formattedSeconds)" }
}

/// The crashes of one participant, in order: process 1 dies at `crashes[0]`, process 2 (the
/// first restart) at `crashes[1]`, and so on; the process after the last one runs to the end.
/// A crash point past the end of its process's writes never fires (that process finishes).
public struct CrashPlan: Sendable, Hashable, CustomStringConvertible {
    public var crashes: [Crash]
    /// After a run that ended leaving its refresh running (timed out, API error), the same run
    /// id is applied once more, as a CI "re-run" does: it must follow that refresh, not submit.
    public var rerunAfter: Duration?

    public init(_ crashes: [Crash], rerunAfter: Duration? = nil) {
        self.crashes = crashes
        self.rerunAfter = rerunAfter
    }

    public var description: String {
        (crashes.map(\.description) + (rerunAfter.map { ["rerun the same run id \($0.formattedSeconds) after it ends timed-out or api-error"] } ?? [])).joined(separator: "; ")
    }

    /// At most this many kills per run: enough for crash-during-resume, bounded so a seed ends.
    static let maxCrashes = 3

    /// Drawn from its own random stream, so turning crashes on or off (or changing how they are
    /// drawn) never changes a seed's world, faults or plans.
    static func draw(seed: UInt64, participant: Int, probability: Double) -> CrashPlan? {
        guard probability > 0 else { return nil }
        var random = SimRandom(seed: seed, stream: 0xC0FFEE &+ UInt64(participant))
        guard random.chance(probability) else { return nil }
        let count = random.chance(0.7) ? 1 : (random.chance(0.65) ? 2 : maxCrashes)
        var crashes: [Crash] = []
        for _ in 0..<count {
            // Half the kills land in the first 20 writes, where the lock, the session revocation
            // and the submission are journaled; the rest anywhere up to the long polls.
            let write = random.chance(0.5) ? random.int(1...20) : random.int(1...90)
            let restart: Duration = random.chance(0.5) ? .milliseconds(random.int(0...10_000)) : .seconds(random.int(60...1800))
            crashes.append(Crash(point: .write(write), restartAfter: restart))
        }
        // Its own stream again: adding reruns left every older seed's kills where they were.
        var rerun = SimRandom(seed: seed, stream: 0x5E_5E_5E &+ UInt64(participant))
        return CrashPlan(crashes, rerunAfter: rerun.chance(0.5) ? .seconds(rerun.int(0...600)) : nil)
    }
}
