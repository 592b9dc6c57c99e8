import GenesysWire

/// The emulator as an `HTTPTransport` without sockets, for deterministic simulation. Dropped
/// and reset responses surface as thrown `TransportError`s, as over a real connection.
public struct InProcessTransport: HTTPTransport {
    public let emulator: Emulator

    public init(emulator: Emulator) {
        self.emulator = emulator
    }

    public func send(_ request: WireRequest, timeout: Duration) async throws -> WireResponse {
        switch await emulator.serve(request, timeout: timeout).reply {
        case .response(let response): return response
        case .transportFailure(let error): throw error
        }
    }
}
