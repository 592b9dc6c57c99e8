import Foundation

/// URL policy: https everywhere, http only to loopback (the emulator), never credentials.
enum URLCheck {
    enum Outcome: Equatable {
        case ok
        case insecure(host: String)
        case credentials
        case invalid(String)
    }

    static let sensitiveQueryNames: Set<String> = [
        "token", "access_token", "key", "apikey", "api_key", "secret", "sig", "signature", "password", "code", "auth",
    ]

    static func check(_ text: String) -> Outcome {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return .invalid("expected an absolute URL such as https://example.com")
        }
        guard scheme == "https" || scheme == "http" else { return .invalid("scheme '\(scheme)' is neither https nor http") }
        guard let host = components.host, !host.isEmpty else { return .invalid("the URL has no host") }
        if components.user != nil || components.password != nil { return .credentials }
        if let items = components.queryItems, items.contains(where: { sensitiveQueryNames.contains($0.name.lowercased()) }) {
            return .credentials
        }
        // Slack and similar incoming webhooks carry their token in the path.
        if host.lowercased() == "hooks.slack.com" { return .credentials }
        if scheme == "http", !isLoopback(host) { return .insecure(host: host) }
        return .ok
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { part in UInt8(part).map { _ in !part.isEmpty } ?? false }
    }
}
