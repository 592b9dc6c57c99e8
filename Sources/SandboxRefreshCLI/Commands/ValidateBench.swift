import ArgumentParser
import Foundation
import PlanGraph
import RefreshPlan
import RunAssembly

struct ValidateBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate 1, 500, 2,000 and 10,000 distinct plan files (as `validate` does) and one plan listing 15,000 flows; report time per size and the growth.",
        discussion: "With --write-dir DIR --count N, only writes N plan files (and the base they extend) for a peer tool to validate, e.g. check-jsonschema (Benchmarks/validate/run.sh).")

    @Option(help: "Sizes to measure.")
    var sizes: [Int] = [1, 500, 2000, 10_000]

    @Option(help: "Only write plan files into this directory.")
    var writeDir: String?

    @Option(help: "With --write-dir: how many.")
    var count: Int = 2000

    func run() throws {
        if let writeDir {
            try Self.writePlans(count: count, into: URL(fileURLWithPath: writeDir))
            Terminal.line("wrote \(count) plans and base.yaml to \(writeDir)")
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("validate-bench-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        var previous: (count: Int, seconds: Double)?
        for size in sizes {
            let directory = root.appendingPathComponent("n\(size)")
            let files = try Self.writePlans(count: size, into: directory)
            let (seconds, cpu) = Self.measure { _ = PlanValidator.checkAll(files, render: false) }
            var line = String(format: "%6d plans: %.3f s wall, %.3f s CPU, %.0f plans/s", size, seconds, cpu, Double(size) / seconds)
            if let previous, previous.count > 1 {
                line += String(format: "; %.1fx the files cost %.2fx the CPU", Double(size) / Double(previous.count), cpu / previous.seconds)
            }
            Terminal.line(line)
            previous = (size, cpu)
        }
        let flows = root.appendingPathComponent("flows.yaml")
        let names = (1...15_000).map { "      - Flow number \($0)" }.joined(separator: "\n")
        try ("version: 1\nname: many-flows\nextends: base.yaml\nsandbox:\n  id: sandbox-many\n  credentials: {clientId: \"${env:A}\", clientSecret: \"${env:B}\"}\n"
            + "refresh:\n  scope: [ARCHITECT, ROUTING]\ngates:\n  validateFlows:\n    flows:\n\(names)\n").write(to: flows, atomically: true, encoding: .utf8)
        let (seconds, _) = Self.measure { _ = PlanValidator.checkAll([flows.path], render: false) }
        Terminal.line(String(format: "one plan listing 15,000 flows: %.3f s", seconds))
    }

    @discardableResult
    static func writePlans(count: Int, into directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let specs = URL(fileURLWithPath: "specs")
        let base = try String(contentsOf: specs.appendingPathComponent("base.yaml"), encoding: .utf8)
        let dev = try String(contentsOf: specs.appendingPathComponent("dev.yaml"), encoding: .utf8)
        try base.write(to: directory.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        return try (1...max(count, 1)).map { n in
            let text = dev.replacingOccurrences(of: "name: dev-nightly", with: "name: dev-nightly-\(n)")
                .replacingOccurrences(of: "id: sandbox-dev-01", with: "id: sandbox-dev-\(n)")
            let url = directory.appendingPathComponent("plan-\(n).yaml")
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    /// Wall time and the process's CPU time (user + system) of `body`.
    static func measure(_ body: () -> Void) -> (wall: Double, cpu: Double) {
        func cpuNow() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        let cpu0 = cpuNow()
        let elapsed = ContinuousClock().measure(body)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (wall, cpuNow() - cpu0)
    }
}
