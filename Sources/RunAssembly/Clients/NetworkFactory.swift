import GenesysClient
import RefreshPlan

/// The plan's `network` section over the environment's `HTTPS_PROXY`/`NO_PROXY`/`SSL_CERT_FILE`:
/// a run builds its transport from it, before anything is sent.
public enum NetworkFactory {
    /// Fails with the reason, which names the file or variable, never a value.
    public static func options(for plan: Plan, environment: [String: String]) throws(NetworkOptions.Invalid) -> NetworkOptions {
        let setting: NetworkOptions.ProxySetting
        switch plan.network?.proxy {
        case nil: setting = .environment
        case .direct?: setting = .direct
        case .url(let url)?: setting = .url(url)
        }
        return try NetworkOptions.resolve(proxy: setting, caBundle: plan.network?.caBundle, environment: environment)
    }
}
