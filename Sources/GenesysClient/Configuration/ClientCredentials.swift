/// An OAuth client-credentials pair. Printing it (logs, errors, `dump`-free interpolation)
/// shows the client id only: the secret must never reach a log line.
public struct ClientCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var clientId: String
    public var clientSecret: String

    public init(clientId: String, clientSecret: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }

    public var description: String { "client \(clientId) (secret redacted)" }
    public var debugDescription: String { description }
}
