import AsyncHTTPClient
import Foundation
import NIOSSL

/// How requests leave the machine: through which proxy (per host, `NO_PROXY` decides), and which
/// extra CAs are trusted. Resolved once, before anything is sent, so that a bad setting is an
/// invalid plan, not a failure halfway through a refresh.
public struct NetworkOptions: Sendable {
    /// An HTTP proxy reached with CONNECT. Its description never shows credentials.
    public struct Proxy: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        var username: String?
        var password: String?

        public var description: String { "\(host):\(port)" }
    }

    /// Where the proxy setting comes from.
    public enum ProxySetting: Sendable, Hashable {
        /// `HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY`, `http_proxy`, first set wins.
        case environment
        /// No proxy, whatever the environment says.
        case direct
        /// An explicit `http://host:port` (plan `network.proxy`).
        case url(String)
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public var proxy: Proxy?
    /// `NO_PROXY` entries, lowercased: `*`, host names and domain suffixes, optionally `:port`.
    public var noProxy: [String]
    /// The PEM file the extra trust roots came from, for messages.
    public var caBundlePath: String?
    var trustRoots: [NIOSSLCertificate]

    public static let direct = NetworkOptions(proxy: nil, noProxy: [], caBundlePath: nil, trustRoots: [])

    public static let proxyVariables = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]

    /// - Parameters:
    ///   - caBundle: a PEM file of extra CAs; nil falls back to `SSL_CERT_FILE`.
    ///   - readFile: reads the PEM file (injected for tests).
    public static func resolve(proxy setting: ProxySetting, caBundle: String?, environment: [String: String],
                               readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }) throws(Invalid) -> NetworkOptions {
        var options = NetworkOptions.direct
        switch setting {
        case .direct:
            break
        case .url(let text):
            options.proxy = try parseProxy(text, source: "network.proxy")
        case .environment:
            if let name = proxyVariables.first(where: { !(environment[$0] ?? "").isEmpty }) {
                options.proxy = try parseProxy(environment[name]!, source: name)
            }
        }
        let noProxy = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        options.noProxy = noProxy.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        let bundle = caBundle ?? environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let bundle {
            let origin = caBundle == nil ? "SSL_CERT_FILE" : "network.caBundle"
            let data: Data
            do { data = try readFile(bundle) } catch {
                throw Invalid(description: "\(origin) \(bundle) cannot be read")
            }
            let certificates: [NIOSSLCertificate]
            do { certificates = try NIOSSLCertificate.fromPEMBytes(Array(data)) } catch {
                throw Invalid(description: "\(origin) \(bundle) is not a PEM file of certificates")
            }
            guard !certificates.isEmpty else { throw Invalid(description: "\(origin) \(bundle) holds no PEM certificate") }
            options.caBundlePath = bundle
            options.trustRoots = certificates
        }
        return options
    }

    /// `http://[user:password@]host[:port]`; a bare `host:port` is taken as http. The message
    /// names the variable, never the value (it may carry credentials).
    static func parseProxy(_ text: String, source: String) throws(Invalid) -> Proxy {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty,
              ["http", "https"].contains(components.scheme?.lowercased() ?? "") else {
            throw Invalid(description: "\(source) is not a proxy URL such as http://proxy.internal:3128")
        }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return Proxy(host: host, port: port, username: components.user?.removingPercentEncoding,
                     password: components.password?.removingPercentEncoding)
    }

    /// The proxy for a request to `url`, nil when it goes direct.
    public func proxy(for url: URL) -> Proxy? {
        guard let proxy, let host = url.host else { return nil }
        return Self.bypasses(host: host, port: url.port ?? (url.scheme == "https" ? 443 : 80), noProxy: noProxy) ? nil : proxy
    }

    /// curl's reading of `NO_PROXY`: `*` is every host; an entry matches the host itself and
    /// its subdomains (a leading dot is optional); `host:port` only that port.
    static func bypasses(host: String, port: Int, noProxy: [String]) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        for raw in noProxy {
            if raw == "*" { return true }
            var entry = raw
            var entryPort: Int?
            if let colon = entry.lastIndex(of: ":"), !entry.hasPrefix("["), entry.filter({ $0 == ":" }).count == 1 {
                entryPort = Int(entry[entry.index(after: colon)...])
                entry = String(entry[..<colon])
            }
            entry = entry.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            while entry.hasPrefix(".") || entry.hasPrefix("*") { entry.removeFirst() }
            guard !entry.isEmpty, entryPort == nil || entryPort == port else { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }

    /// The AsyncHTTPClient settings for requests that go through `proxy` (or direct).
    func tlsConfiguration() -> TLSConfiguration? {
        guard !trustRoots.isEmpty else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = [.certificates(trustRoots)]
        return tls
    }

    func clientProxy() -> HTTPClient.Configuration.Proxy? {
        guard let proxy else { return nil }
        let authorization = proxy.username.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
        return .server(host: proxy.host, port: proxy.port, authorization: authorization)
    }
}
