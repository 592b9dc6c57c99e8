import EmulatorCore
import Executor
import RefreshPlan
import Simulation
import Testing

/// The swarm's plan with sandbox work of its own (issue 25): the process is killed inside the
/// snapshot and inside the restore, and restarted. No duplicate create, no preserved object
/// missing, no submission before a complete snapshot, nothing written to production.
@Suite("crashes inside snapshot and restore")
struct SnapshotRestoreCrashTests {
    static let preserve = ["flow:DEV-*", "queue:DEV*", "wrapupCode:DEV*", "schedule:DEV*", "dataTable:DEV*"]

    static func options() -> SimulationOptions {
        let plan = Plan(
            name: "simulated-preserve",
            production: OrganizationTarget(region: "mypurecloud.com", credentials: Credentials(clientId: .env("SIM_PROD_ID"), clientSecret: .env("SIM_PROD_SECRET"))),
            sandbox: SandboxTarget(id: "sandbox-sim-01", credentials: Credentials(clientId: .env("SIM_SB_ID"), clientSecret: .env("SIM_SB_SECRET"))),
            refresh: RefreshSettings(scope: .of([.ARCHITECT, .ROUTING]), description: "Simulated nightly sync"),
            gates: Gates(validateFlows: FlowValidationGate()), preserve: preserve)
        let world = WorldSpec(seed: 1, queues: 30, skills: 8, flows: 30, contacts: 20, dataTables: 3, dataTableRows: 20, users: 5, trunks: 1,
                              sandboxes: ["sandbox-sim-01"], driftQueues: 0, driftSkills: 0, driftFlows: 0, sandboxWork: 2)
        var options = SimulationOptions(basePlan: plan, faultIntensity: 0, crashProbability: 0, worldOverride: world)
        options.keepWorld = true
        return options
    }

    /// The sandbox's own objects the plan preserves, by kind and name, from the world as generated.
    static func preserved(_ world: World) -> Set<String> {
        let production = world.production, sandbox = world.sandboxes[0]
        let productionNames = Set(production.queues.map(\.name) + production.flows.map(\.flow.name) + production.wrapupCodes.compactMap(\.name)
                                  + production.schedules.compactMap(\.name) + production.dataTables.map(\.name))
        var names = Set<String>()
        for flow in sandbox.flows where flow.flow.name.hasPrefix("DEV-") && !productionNames.contains(flow.flow.name) { names.insert("flow:\(flow.flow.name)") }
        for queue in sandbox.queues where queue.name.hasPrefix("DEV") { names.insert("queue:\(queue.name)") }
        for code in sandbox.wrapupCodes where (code.name ?? "").hasPrefix("DEV") { names.insert("wrapupCode:\(code.name ?? "")") }
        for schedule in sandbox.schedules where (schedule.name ?? "").hasPrefix("DEV") { names.insert("schedule:\(schedule.name ?? "")") }
        for table in sandbox.dataTables where table.name.hasPrefix("DEV") { names.insert("dataTable:\(table.name)") }
        return names
    }

    static func present(_ world: World) -> [String: Int] {
        let sandbox = world.sandboxes[0]
        var counts: [String: Int] = [:]
        for name in sandbox.flows.map({ "flow:\($0.flow.name)" }) + sandbox.queues.map({ "queue:\($0.name)" }) + sandbox.wrapupCodes.map({ "wrapupCode:\($0.name ?? "")" })
            + sandbox.schedules.map({ "schedule:\($0.name ?? "")" }) + sandbox.dataTables.map({ "dataTable:\($0.name)" }) {
            counts[name, default: 0] += 1
        }
        return counts
    }

    static let crashPoints: [[Crash]] = [
        // Inside the snapshot (the plan's fifth step: preflight ×2, lock, impact, snapshot): at its
        // start, and once its manifest is written but its end not journaled.
        [Crash(point: .entry(kind: "step.started", occurrence: 5), restartAfter: .seconds(5))],
        [Crash(point: .entry(kind: "step.finished", occurrence: 5), restartAfter: .seconds(5))],
        // Inside the restore: at its first write, and at a later one, then again in the resume.
        [Crash(point: .entry(kind: "request.about-to-send", occurrence: 2), restartAfter: .seconds(5))],
        [Crash(point: .entry(kind: "request.about-to-send", occurrence: 5), restartAfter: .zero),
         Crash(point: .entry(kind: "request.about-to-send", occurrence: 2), restartAfter: .seconds(1))],
    ]

    @Test(arguments: [UInt64(3), 11, 42])
    func killedInsideSnapshotOrRestoreStillPutsEachPreservedObjectBackOnce(seed: UInt64) async throws {
        let options = Self.options()
        let world = World.generate({ var spec = options.worldOverride!; spec.seed = seed; return spec }())
        let preserved = Self.preserved(world)
        #expect(preserved.count >= 5, "the sandbox holds work of its own: \(preserved)")
        for crashes in Self.crashPoints {
            var scenario = Scenario.make(seed: seed, options: options)
            scenario.participants[0].crashes = CrashPlan(crashes)
            let result = await SeedRunner.run(scenario, options: options)
            let run = try #require(result.runs.first)
            #expect(result.passed, "\(crashes): \(result.violations) \(result.setupError ?? "")")
            #expect(result.crashesInjected == crashes.count, "\(crashes) fired \(result.crashesInjected)")
            #expect(run.deaths.count == crashes.count, "\(crashes): \(run.deaths)")
            #expect(run.submissions == 1, "\(crashes): \(run.submissions) submissions")
            #expect(run.outcome == .success, "\(crashes): \(run.outcome.rawValue) \(run.message ?? "")")
            let after = Self.present(result.finalWorld ?? world)
            for name in preserved {
                #expect(after[name] == 1, "\(crashes): \(name) is there \(after[name] ?? 0) time(s)")
            }
        }
    }
}
