import Foundation

public enum HTTPMethod: String, Sendable, Hashable, Codable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"

    /// Safe to resend without reconciliation: the request cannot have created anything.
    public var isIdempotent: Bool { self != .post && self != .patch }
}

/// One request to the Platform API, described without sending it. The plan preview and the
/// executor obtain requests from `Endpoint` so that what `plan` shows is what `apply` sends.
public struct APIRequest: Sendable, Hashable, Codable {
    public var method: HTTPMethod
    public var path: String
    public var query: [QueryItem]
    public var body: Data?
    /// Lowers the idempotence of a method (a POST that only reads, like flow validation, is safe).
    public var isIdempotent: Bool
    /// A short stable name for logs and request counts ("refreshes.submit").
    public var operation: String

    public struct QueryItem: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ method: HTTPMethod, _ path: String, query: [QueryItem] = [], body: Data? = nil, idempotent: Bool? = nil, operation: String) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.isIdempotent = idempotent ?? method.isIdempotent
        self.operation = operation
    }

    /// `/api/v2/routing/queues?pageSize=1&pageNumber=1`
    public var pathWithQuery: String {
        guard !query.isEmpty else { return path }
        let encoded = query.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
        return "\(path)?\(encoded)"
    }

    /// "METHOD path": how requests are named in errors and logs.
    public var summary: String { "\(method.rawValue) \(pathWithQuery)" }

    public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
