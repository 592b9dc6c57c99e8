import Foundation

/// Where one organization lives: the API host and the login host of its region.
public struct OrganizationEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var apiBase: URL
    public var loginBase: URL

    /// `mypurecloud.ie` → `https://api.mypurecloud.ie`, `https://login.mypurecloud.ie`.
    /// The domain comes from the region table, so `https` always holds.
    public static func region(_ domain: String) -> OrganizationEndpoint {
        let domain = domain.trimmingCharacters(in: CharacterSet(charactersIn: "./ "))
        // Force-unwrapping is safe: a host made of a region domain is always a valid URL.
        return OrganizationEndpoint(
            unchecked: URL(string: "https://api.\(domain)")!,
            loginBase: URL(string: "https://login.\(domain)")!
        )
    }

    /// Plain `http` is accepted only on loopback, where nothing leaves the machine (the
    /// emulator); anywhere else a bearer token would cross the network in clear text.
    public init(apiBase: URL, loginBase: URL) throws(ClientConfigurationError) {
        try Self.check(apiBase, role: "API")
        try Self.check(loginBase, role: "login")
        self.init(unchecked: apiBase, loginBase: loginBase)
    }

    private init(unchecked apiBase: URL, loginBase: URL) {
        self.apiBase = apiBase
        self.loginBase = loginBase
    }

    public var description: String { "api \(apiBase.absoluteString), login \(loginBase.absoluteString)" }

    private static func check(_ url: URL, role: String) throws(ClientConfigurationError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw ClientConfigurationError("the \(role) base \(url.absoluteString) is not an absolute URL with a host")
        }
        switch scheme {
        case "https":
            return
        case "http" where isLoopback(host):
            return
        case "http":
            throw ClientConfigurationError("the \(role) base \(url.absoluteString) uses http; https is required except on loopback (127.0.0.0/8, localhost, ::1)")
        default:
            throw ClientConfigurationError("the \(role) base \(url.absoluteString) has scheme \(scheme); use https")
        }
    }

    static func isLoopback(_ rawHost: String) -> Bool {
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { part in UInt8(part).map { _ in true } ?? false }
    }
}

/// A configuration the client refuses to run with.
public struct ClientConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
