import ArgumentParser
import PlanGraph
import RunAssembly

/// Where a run's requests go, for `apply` and `check`: the plan's organizations, the built-in
/// emulator, or an emulator another process serves.
struct PlatformOptions: ParsableArguments {
    @Flag(help: "Run against the built-in emulator on a loopback port with a compressed clock; no credentials needed.")
    var emulate = false

    @Option(help: ArgumentHelp("Run against an emulator already running at URL (`sandbox-refresh emulator`), with its credentials and clock; it outlives this process, so a killed run can be resumed against it.", valueName: "URL"))
    var emulator: String?

    @Option(help: "With --emulate: emulated seconds per real second (default 30). With --emulator: taken from the emulator; if given, it must match.")
    var timeScale: Double?

    @Option(help: "With --emulate: world seed (the emulated organizations are generated from it).")
    var seed: UInt64 = 1

    @Option(help: "With --emulate: a fault-injection file (JSON or YAML) for the emulator.")
    var faults: String?

    func validate() throws {
        if let timeScale { try Self.checkTimeScale(timeScale) }
        if emulator != nil, emulate || faults != nil {
            // The remote emulator was started with its own seed and faults; ours would be ignored.
            throw ValidationError("--emulator URL uses a running emulator: --emulate and --faults do not apply (give them to `sandbox-refresh emulator`)")
        }
    }

    /// A clock scale must be a finite positive number no larger than the clock can step by.
    static func checkTimeScale(_ scale: Double) throws {
        guard scale.isFinite, scale > 0, scale <= 100_000 else {
            throw ValidationError("--time-scale must be a number greater than 0 and at most 100000 (emulated seconds per real second); got \(scale)")
        }
    }

    var choice: PlatformChoice {
        if let emulator { return .sharedEmulator(url: emulator, expectedScale: timeScale) }
        if emulate { return .privateEmulator(seed: seed, faultsFile: faults, timeScale: timeScale ?? 30) }
        return .organizations
    }
}

/// The run journal, for every command that reads or writes it.
struct JournalOption: ParsableArguments {
    @Option(help: "The run journal: a SQLite file, or postgres://USER@HOST:PORT/DB?sslmode=... shared by a fleet (password from PGPASSWORD). Default: $SANDBOX_REFRESH_JOURNAL, else .sandbox-refresh/journal.sqlite.", completion: .file(extensions: ["sqlite"]))
    var journal: String?
}

/// How `apply` and `resume` report a run.
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text (a readable log with a live progress line on a terminal) or json (JSON lines).")
    var logFormat: Format?

    @Flag(help: "Also print the client's debug log to stderr (never tokens or secrets).")
    var verbose = false
}

/// The run id a command uses or proposes, for `apply` and `check`.
struct RunIdOption: ParsableArguments {
    @Option(help: "The run id tagged into the refresh description (default: GITHUB_RUN_ID, CI_PIPELINE_ID, BUILD_BUILDID, or a new id); `check` reports an active refresh carrying it as one apply would adopt.")
    var runId: String?

    func validate() throws {
        if let runId, let problem = RunIdGrammar.problem(runId) {
            throw ValidationError("--run-id \(RunIdGrammar.quoted(runId)) is not a valid run id: \(problem) (a run id is \(RunIdGrammar.summary))")
        }
    }
}

/// How a run that changes a sandbox is let through, for `apply` and `resume`.
struct ConfirmOptions: ParsableArguments {
    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "When another process is refreshing this sandbox, exit 75 (already-running) instead of waiting. For cron.")
    var noWait = false
}
