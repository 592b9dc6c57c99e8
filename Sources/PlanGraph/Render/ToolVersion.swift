import Foundation
import GenesysWire

/// The tool's version, recorded with every run so that an artifact says what produced it.
public enum ToolVersion {
    public static let current = "0.4.0"
}

extension PlanGraph {
    /// SHA-256 of the compiled plan (sorted-key JSON): the same plan, compiled by the same rules,
    /// always gives the same digest, so a run names exactly what was approved.
    public var sha256: String { PlanDigests.shared.digest(of: self) }
}

/// Digests of recently seen graphs. Every run records its plan's digest; a fleet or a simulation
/// runs the same few graphs many times, and encoding a graph to JSON costs far more than
/// comparing it with one already encoded.
final class PlanDigests: @unchecked Sendable {
    static let shared = PlanDigests()
    private static let capacity = 64
    private let lock = NSLock()
    private var digests: [PlanGraph: String] = [:]

    func digest(of graph: PlanGraph) -> String {
        if let known = lock.withLock({ digests[graph] }) { return known }
        let digest = SavedPlan.sha256(WireCoding.encode(graph))
        lock.withLock {
            if digests.count >= Self.capacity { digests.removeAll(keepingCapacity: true) }
            digests[graph] = digest
        }
        return digest
    }
}
