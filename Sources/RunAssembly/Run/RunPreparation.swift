import Executor
import Foundation
import GenesysClient
import Logging
import RefreshPlan
import Timekeeping

/// The platform a run talks to: the plan's organizations, or an emulator.
public enum PlatformChoice: Sendable, Hashable {
    case organizations
    /// `--emulate`: served in this process for this run, generated from `seed`.
    case privateEmulator(seed: UInt64, faultsFile: String?, timeScale: Double)
    /// `--emulator URL`: served by another process (`sandbox-refresh emulator`), which outlives this one.
    case sharedEmulator(url: String, expectedScale: Double?)

    public var isEmulated: Bool { self != .organizations }

    /// The URL journaled with a rehearsal against a shared emulator, for a resume to find it again.
    public var sharedEmulatorURL: String? {
        if case .sharedEmulator(let url, _) = self { return url }
        return nil
    }
}

/// Why a run could not be set up; nothing was sent. `outcome` gives the exit code.
public struct RunSetupError: Error, Sendable, CustomStringConvertible {
    public var outcome: RunOutcome
    public var description: String

    public init(_ outcome: RunOutcome, _ description: String) {
        self.outcome = outcome
        self.description = description
    }
}

/// Everything a run needs before its first request: the plan (pointed at an emulator when one
/// is used), the clock, the secrets, the network options and the emulator session. `apply` and
/// `check` prepare their runs here, the one way.
public struct PreparedRun: Sendable {
    public var compiled: CompiledPlan
    public var clock: any InjectedClock
    public var secrets: SecretResolver
    public var network: NetworkOptions
    /// Stopped by `finish` when it is this process's own.
    public var emulator: EmulatorSession?

    /// Releases what the preparation started (a private emulator). Call it however the run ended.
    public func finish() async {
        await emulator?.stop()
    }

    public static func prepare(_ compiled: CompiledPlan, platform: PlatformChoice, environment: [String: String], logger: Logger) async throws(RunSetupError) -> PreparedRun {
        let readFile: @Sendable (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
        let network: NetworkOptions
        do {
            network = try NetworkFactory.options(for: compiled.plan, environment: environment)
        } catch {
            throw RunSetupError(.invalidPlan, "\(error.description); nothing was sent")
        }
        let session: EmulatorSession
        switch platform {
        case .organizations:
            return PreparedRun(compiled: compiled, clock: SystemClock(), secrets: SecretResolver(environment: environment, readFile: readFile),
                               network: network, emulator: nil)
        case .sharedEmulator(let url, let expectedScale):
            do {
                session = try await EmulatorSession.connect(to: url, for: compiled.plan, expectedScale: expectedScale)
            } catch let failure as EmulatorSession.ConnectError {
                throw RunSetupError(failure.outcome, failure.description)
            } catch {
                throw RunSetupError(.apiError, "\(error)")
            }
        case .privateEmulator(let seed, let faultsFile, let timeScale):
            do {
                session = try await EmulatorSession.start(for: compiled.plan, seed: seed, faultsFile: faultsFile, timeScale: timeScale, logger: logger)
            } catch {
                throw RunSetupError(.invalidPlan, "\(error)")
            }
        }
        // From here on the emulator is running: any failure stops it before it is reported.
        do {
            let pointed = try compiled.recompiled(session.pointing)
            let secrets = SecretResolver(environment: environment.merging(session.secretEnvironment) { $1 }, readFile: readFile)
            return PreparedRun(compiled: pointed, clock: session.clock, secrets: secrets, network: network, emulator: session)
        } catch {
            await session.stop()
            throw RunSetupError(.invalidPlan, "the plan pointed at the emulator compiles to an invalid graph: \(error)")
        }
    }
}
