import ArgumentParser
import EmulatorCore
import EmulatorServer
import Foundation
import Logging
import Timekeeping
import RunAssembly

struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve the Genesys Cloud sandbox emulator over HTTP on loopback, for rehearsals and curl.",
        discussion: """
            Prints ready-to-use client credentials for each organization. Login and API share one base URL.
            Also serves loopback control endpoints for rehearsals (not Genesys API): GET /emulator/organizations \
            (every organization with its client id and secret), GET /emulator/submissions?sandboxId=ID (the \
            refreshes accepted through the API), GET /emulator/clock ({scale, now}), GET /emulator/requests (the latest \
            10,000 API requests), GET /emulator/stats (request counts per status and route since start). `apply --emulator URL` uses \
            them. They hand out credentials: keep the emulator on 127.0.0.1.
            """)

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 9080

    @Option(help: "A world file (JSON or YAML) instead of a generated world.")
    var world: String?

    @Option(help: "Seed of the generated world.")
    var seed: UInt64 = 1

    @Option(help: "Queues in the generated production organization.")
    var queues: Int?
    @Option(help: "Flows in the generated production organization.")
    var flows: Int?
    @Option(help: "External contacts in the generated production organization.")
    var contacts: Int?

    @Option(help: "Sandbox ids to create (repeatable).")
    var sandbox: [String] = []

    @Option(help: "A fault-injection file (JSON or YAML).")
    var faults: String?

    @Option(help: "Emulated seconds per real second (1 = real time).")
    var timeScale: Double = 1

    // Load tests send far more than the platform's 300 requests per client per minute; with
    // the limit on they would measure how fast the emulator says 429.
    @Flag(help: "Turn off the per-client API rate limit (300 requests a minute), for load tests.")
    var noRateLimit = false

    func validate() throws {
        try PlatformOptions.checkTimeScale(timeScale)
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535; got \(port)") }
        for count in [queues, flows, contacts].compactMap({ $0 }) where !(0...5_000_000).contains(count) {
            throw ValidationError("--queues, --flows and --contacts must be between 0 and 5000000; got \(count)")
        }
    }

    func run() async throws {
        let loaded: World
        if let world {
            loaded = try World.load(json: YAMLToJSON.data(contentsOf: world))
        } else {
            var spec = WorldSpec.dev
            spec.seed = seed
            if let queues { spec.queues = queues }
            if let flows { spec.flows = flows }
            if let contacts { spec.contacts = contacts }
            if !sandbox.isEmpty { spec.sandboxes = sandbox }
            loaded = World.generate(spec)
        }
        let faultPlan = try faults.map { try FaultPlan.load(json: YAMLToJSON.data(contentsOf: $0)) } ?? .none
        let clock: any InjectedClock = timeScale == 1 ? SystemClock() : ScaledClock(scale: timeScale)
        var logger = Logger(label: "emulator")
        logger.logLevel = .info
        let emulator = Emulator(world: loaded, clock: clock, faults: faultPlan, rateLimitPerMinute: noRateLimit ? 0 : 300, logger: logger)
        // Control on: this command is the shared emulator that `apply --emulator URL` connects to.
        try await runEmulator(emulator, port: port, control: true, logger: logger) { bound in
            var lines = ["Genesys Cloud emulator listening on http://127.0.0.1:\(bound) (clock ×\(timeScale))\(noRateLimit ? ", no rate limit" : "")", ""]
            for org in emulator.organizations {
                lines.append("  \(org.name) (org \(org.orgId))")
                lines.append("    clientId:     \(org.clientId)")
                lines.append("    clientSecret: \(org.clientSecret)")
            }
            lines.append("")
            lines.append("  curl -s -u CLIENT_ID:CLIENT_SECRET -d grant_type=client_credentials http://127.0.0.1:\(bound)/oauth/token")
            lines.append("  curl -s -H 'Authorization: Bearer TOKEN' 'http://127.0.0.1:\(bound)/api/v2/routing/queues?pageSize=2'")
            lines.append("  sandbox-refresh apply specs/dev.yaml --emulator http://127.0.0.1:\(bound) --yes")
            Terminal.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
