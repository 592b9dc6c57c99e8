import AsyncHTTPClient
import Foundation
import GenesysWire
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient: one `HTTPClient` (and its connection pool) per
/// transport, shared by every `GenesysClient` given the transport, so that both organizations
/// of a run reuse keep-alive connections. Call `shutdown()` once, when the run is over.
///
/// With a proxy there are two clients: AsyncHTTPClient's proxy is per client, and `NO_PROXY`
/// hosts must go direct, so each request picks one by its host.
public final class AHCTransport: HTTPTransport {
    /// Listings are paged, so no sane Platform API answer comes near this.
    public static let maximumBodyBytes = 64 * 1024 * 1024

    private let client: HTTPClient
    private let proxied: HTTPClient?
    private let network: NetworkOptions

    public init(connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60), maximumConnectionsPerHost: Int = 8,
                network: NetworkOptions = .direct) {
        func make(proxy: HTTPClient.Configuration.Proxy?) -> HTTPClient {
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: network.tlsConfiguration(),
                redirectConfiguration: .disallow,
                timeout: .init(connect: .init(connectTimeout), read: .init(readTimeout)),
                connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: maximumConnectionsPerHost),
                proxy: proxy
            )
            configuration.httpVersion = .automatic
            return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        }
        self.network = network
        client = make(proxy: nil)
        proxied = network.clientProxy().map { make(proxy: $0) }
    }

    public func send(_ request: WireRequest, timeout: Duration) async throws -> WireResponse {
        let client = network.proxy(for: request.url) != nil ? (proxied ?? self.client) : self.client
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: .init(timeout))
            var headers = WireHeaders()
            for (name, value) in response.headers { headers.append(name, value) }
            // The head arrived, so a failure from here on is the connection dropping mid-body.
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            } catch {
                throw Self.classify(error, afterHead: true)
            }
            return WireResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch let error as TransportError {
            throw error
        } catch {
            throw Self.classify(error, afterHead: false)
        }
    }

    public func shutdown() async throws {
        try await client.shutdown()
        try await proxied?.shutdown()
    }

    /// Maps AsyncHTTPClient and NIO failures onto the kinds the retry policy reasons about.
    /// Only a refused connection proves the request never left; everything else may have.
    static func classify(_ error: any Error, afterHead: Bool) -> any Error {
        if error is CancellationError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled: return CancellationError()
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return TransportError(.timeout, "connecting timed out")
            case .readTimeout, .writeTimeout, .deadlineExceeded:
                return TransportError(.timeout, "the server did not answer in time")
            case .remoteConnectionClosed:
                return TransportError(afterHead ? .dropped : .connectionReset, "the server closed the connection")
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return TransportError(.invalidResponse, "the response body is larger than \(maximumBodyBytes) bytes")
        }
        let text = String(describing: error)
        let lower = text.lowercased()
        if lower.contains("refused") { return TransportError(.connectionRefused, "the connection was refused") }
        if lower.contains("reset") || lower.contains("broken pipe") || lower.contains("eof") {
            return TransportError(afterHead ? .dropped : .connectionReset, "the connection was reset")
        }
        return TransportError(afterHead ? .dropped : .other, "\(type(of: error)): \(text.prefix(200))")
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .nanoseconds(duration.nanoseconds)
    }
}

extension WireHeaders {
    mutating func append(_ name: String, _ value: String) {
        self = WireHeaders(fields.map { ($0.name, $0.value) } + [(name, value)])
    }
}
