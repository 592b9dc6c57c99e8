import ArgumentParser
import Executor
import GenesysClient
import RefreshPlan

/// The plan's `network` section over the environment's `HTTPS_PROXY`/`NO_PROXY`/`SSL_CERT_FILE`:
/// `apply` and `check` build their transport from it, before anything is sent.
enum NetworkFactory {
    static func options(for plan: Plan, environment: [String: String]) throws(NetworkOptions.Invalid) -> NetworkOptions {
        let setting: NetworkOptions.ProxySetting
        switch plan.network?.proxy {
        case nil: setting = .environment
        case .direct?: setting = .direct
        case .url(let url)?: setting = .url(url)
        }
        return try NetworkOptions.resolve(proxy: setting, caBundle: plan.network?.caBundle, environment: environment)
    }

    /// The options, or exit 2 with the reason (which names the file or variable, never a value).
    static func optionsOrExit(for plan: Plan, environment: [String: String]) throws -> NetworkOptions {
        do {
            return try options(for: plan, environment: environment)
        } catch {
            Terminal.error("error: \(error.description); nothing was sent")
            throw ExitCode(RunOutcome.invalidPlan.exitCode)
        }
    }
}
