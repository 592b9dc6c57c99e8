/// How the tool reaches Genesys Cloud and notification endpoints from a locked-down network:
/// an explicit proxy (or none, whatever the environment says) and extra trusted CAs for
/// TLS-inspecting proxies. Absent keys fall back to `HTTPS_PROXY`/`NO_PROXY`/`SSL_CERT_FILE`.
public struct NetworkSettings: Sendable, Hashable, Codable {
    public enum Proxy: Sendable, Hashable, Codable {
        /// `proxy: none`: connect directly, ignoring `HTTPS_PROXY` and friends.
        case direct
        /// `http://host:port`: every request goes through it (`NO_PROXY` still applies).
        case url(String)
    }

    /// Nil: the environment decides.
    public var proxy: Proxy?
    /// A PEM file of CA certificates trusted in addition to the system's.
    public var caBundle: String?

    public init(proxy: Proxy? = nil, caBundle: String? = nil) {
        self.proxy = proxy
        self.caBundle = caBundle
    }
}
