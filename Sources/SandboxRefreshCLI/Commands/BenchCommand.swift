import ArgumentParser
import EmulatorCore
import Foundation
import PlanGraph
import RefreshPlan
import RunAssembly

/// Benchmarks live here, not in tests: figures are printed, never asserted.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the tool's own speed (run with -c release for meaningful figures).",
        subcommands: [PlansBench.self, WorldBench.self, ValidateBench.self, JournalBench.self])
}

struct PlansBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "Load, validate and compile a plan (with its extends chain, from disk) N times in one process.")

    @Argument(help: "The plan file.")
    var file: String = "specs/dev.yaml"

    @Option(help: "How many times.")
    var count: Int = 1000

    func run() throws {
        let loader = PlanLoader(environment: [:])
        var errors = 0
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<count {
                let result = loader.load(path: file)
                if let plan = result.plan { _ = try PlanCompiler.compile(plan, diagnostics: result.diagnostics) } else { errors += 1 }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Terminal.line(String(format: "%d plans (%@) validated and compiled in %.3f s: %.0f plans/s, %.2f ms each%@",
                     count, file, seconds, Double(count) / seconds, seconds * 1000 / Double(count), errors > 0 ? ", \(errors) with errors" : ""))
    }
}

struct WorldBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world",
        abstract: "Generate an emulator world of the given size and report the time.")

    @Option var queues = 2000
    @Option var flows = 5000
    @Option var contacts = 100_000
    @Option var seed: UInt64 = 1

    func run() {
        var spec = WorldSpec.dev
        spec.queues = queues
        spec.flows = flows
        spec.contacts = contacts
        spec.seed = seed
        var world: World?
        let elapsed = ContinuousClock().measure { world = World.generate(spec) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Terminal.line(String(format: "world with %d queues, %d flows, %d contacts generated in %.2f s (%d organizations)",
                     queues, flows, contacts, seconds, world?.organizations.count ?? 0))
    }
}
