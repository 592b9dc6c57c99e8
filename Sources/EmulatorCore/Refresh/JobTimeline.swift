import Foundation
import Timekeeping

/// How long each part of a refresh takes and how `progress` reads at any moment.
///
/// Durations follow the scope and the size of what is copied (a development-sized
/// ARCHITECT,ROUTING takes about five minutes; ALL on a large org well over an hour).
/// Progress is deliberately not linear in time: the parallel domain phase races to 85% (the
/// square root of its elapsed fraction), then the sequential finalisation crawls to 100%,
/// which is why the guide warns against reading `progress` as an ETA.
struct JobTimeline: Sendable, Hashable {
    struct Phase: Sendable, Hashable {
        var domain: RefreshDomain
        var duration: Duration
    }

    var queued: Duration
    var phases: [Phase]
    var finalization: Duration
    /// How progress reads against time; the phases and total duration do not depend on it.
    var profile: ProgressProfile = .standard
    /// A night's warp of the time axis for the non-standard curves (`NightlyVariation`): progress
    /// reads `profile(f^warp)`; 1 leaves the curve as `ProgressProfile` defines it.
    var warp: Double = 1

    static let domainShare = 85.0

    init(scope: RefreshScope, production: OrgData, profile: ProgressProfile = .standard) {
        self.profile = profile
        func seconds(_ value: Double) -> Duration { .milliseconds(Int64(value * 1000)) }
        let rows = production.dataTableRows.values.reduce(0) { $0 + $1.count }
        queued = .seconds(10)
        phases = scope.domains.map { domain in
            let work: Double
            switch domain {
            case .routing: work = 60 + 0.1 * Double(production.queues.count + production.skills.count)
            case .architect: work = 90 + 0.1 * Double(production.flows.count) + 2 * Double(production.dataTables.count)
            case .admin: work = 60 + 0.2 * Double(production.users.count) + (scope.isAll ? 30 * Double(production.trunks.count) : 0)
            case .wfm: work = 120
            case .icm: work = 60 + 0.01 * Double(production.contacts.count) + 0.01 * Double(rows)
            }
            return Phase(domain: domain, duration: seconds(work))
        }
        let domainTotal = phases.reduce(Duration.zero) { $0 + $1.duration }
        finalization = seconds(60) + domainTotal * 0.5
    }

    var domainTotal: Duration { phases.reduce(.zero) { $0 + $1.duration } }
    /// From submission to completion.
    var total: Duration { queued + domainTotal + finalization }

    /// Offset from submission at which phase `index` has been applied.
    func phaseEnd(_ index: Int) -> Duration {
        queued + phases.prefix(index + 1).reduce(.zero) { $0 + $1.duration }
    }

    /// Offset at which progress first reaches `percent` (for stalls and failures).
    func offset(reaching percent: Int) -> Duration {
        if profile != .standard {
            // The first moment the curve reads `percent`: bisection over the working time.
            let target = min(max(percent, 0), 99)
            var low = queued, high = total
            for _ in 0..<48 where low < high {
                let middle = low + (high - low) / 2
                if progress(at: middle) >= target { high = middle } else { low = middle + .nanoseconds(1) }
            }
            return high
        }
        let p = Double(min(max(percent, 0), 99))
        if p <= Self.domainShare {
            let fraction = p / Self.domainShare
            return queued + domainTotal * (fraction * fraction)
        }
        return queued + domainTotal + finalization * ((p - Self.domainShare) / (100 - Self.domainShare))
    }

    func progress(at elapsed: Duration) -> Int {
        if elapsed < queued { return 0 }
        if elapsed >= total { return 100 }
        let working = elapsed - queued
        if profile != .standard {
            let fraction = working / (total - queued)
            return min(99, Int(profile.percent(atFraction: warp == 1 ? fraction : pow(fraction, warp))))
        }
        let domainTotal = self.domainTotal
        if working < domainTotal {
            return Int(Self.domainShare * (working / domainTotal).squareRoot())
        }
        let finalising = (working - domainTotal) / finalization
        return min(99, Int(Self.domainShare + (100 - Self.domainShare) * finalising))
    }
}
