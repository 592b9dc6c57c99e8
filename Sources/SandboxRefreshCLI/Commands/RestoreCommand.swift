import ArgumentParser
import Executor
import Foundation
import Impact
import Logging
import RunAssembly

/// `sandbox-refresh restore SNAPSHOT_DIR --plan FILE`: puts objects back from a run's snapshot.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put sandbox objects back from a run's snapshot (a preview unless --yes).",
        discussion: """
            Reads the snapshot (`.sandbox-refresh/snapshots/<sandbox-id>/<run-id>/` by default, encrypted with the plan's \
            snapshot.encryptionKey when it was), then the plan's sandbox, and shows what each object needs: in place, \
            created, updated (flows: imported), or not restorable and why (no write endpoint, a reference the sandbox no \
            longer has, a name now used by another object). With --yes it writes what differs, idempotently (by name; \
            run it again and nothing is written twice). --only KIND:GLOB (repeatable) selects objects: flow:DEV-*, \
            dataTable:Feature*, or a bare glob for any kind.
            Exit codes: 0 done (or previewed), 2 unreadable snapshot or invalid plan, 10 API error, 12 some objects could \
            not be put back.
            """)

    @Argument(help: "The snapshot directory of one run.", completion: .directory)
    var snapshot: String

    @Option(help: "The plan whose sandbox (and credentials) the objects go back to.", completion: .file(extensions: ["yaml", "yml"]))
    var plan: String

    @Option(help: "Only objects matching KIND:GLOB or GLOB (repeatable).")
    var only: [String] = []

    @OptionGroup var platform: PlatformOptions

    @Flag(help: "Write: without it, restore only shows what it would do.")
    var yes = false

    func validate() throws {
        for glob in only where NameGlob(parsing: glob) == nil {
            throw ValidationError("--only \(glob): the kind before ':' is none of \(ImpactKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let compiled = try PlanInput.compile(path: plan, environment: environment)
        let logger = Logger(label: "sandbox-refresh") { _ in SwiftLogNoOpLogHandler() }
        let prepared: PreparedRun
        do {
            prepared = try await PreparedRun.prepare(compiled, platform: platform.choice, environment: environment, logger: logger)
        } catch {
            Terminal.error("error: \(error.description)")
            throw ExitCode(error.outcome.exitCode)
        }
        let write = yes
        Terminal.write(write ? "Restoring from \(snapshot) into \(compiled.plan.sandbox.id):\n" : "Preview (nothing is written; pass --yes to write) of restoring \(snapshot) into \(compiled.plan.sandbox.id):\n")
        let outcome = await SnapshotRestore.run(prepared, snapshot: snapshot, only: only.compactMap(NameGlob.init(parsing:)), write: write, logger: logger) { line in
            Terminal.write("  \(line)\n")
        }
        await prepared.finish()
        switch outcome {
        case .failure(let failure):
            Terminal.error("error: \(failure.message)")
            throw ExitCode(failure.outcome.exitCode)
        case .success(let done):
            let failed = done.notRestored
            Terminal.write("\(done.results.count) object(s) from run \(done.snapshotRunId)\(failed.isEmpty ? "" : "; \(failed.count) cannot be put back")\n")
            if write, !failed.isEmpty { throw ExitCode(RunOutcome.restoreIncomplete.exitCode) }
        }
    }
}
