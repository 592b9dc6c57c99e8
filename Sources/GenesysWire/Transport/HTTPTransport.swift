import Foundation

/// Header fields in order, looked up case-insensitively.
public struct WireHeaders: Sendable, Hashable, Codable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [Field]

    public struct Field: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
    }

    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }
        set {
            fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            if let newValue { fields.append(Field(name: name, value: newValue)) }
        }
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

/// A request on the wire: what a transport sends.
public struct WireRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: WireHeaders
    public var body: Data?

    public init(method: HTTPMethod, url: URL, headers: WireHeaders = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response on the wire.
public struct WireResponse: Sendable, Hashable {
    public var status: Int
    public var headers: WireHeaders
    public var body: Data

    public init(status: Int, headers: WireHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var correlationId: String? { headers[WireHeader.correlationId] }
}

/// Failures below HTTP: the request may or may not have reached the server.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case connectionRefused, connectionReset, timeout, dropped, invalidResponse, other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Moves one request to a server and back. AsyncHTTPClient implements it for real use; the
/// emulator implements it in process (no sockets) for deterministic simulation.
public protocol HTTPTransport: Sendable {
    func send(_ request: WireRequest, timeout: Duration) async throws -> WireResponse
}
