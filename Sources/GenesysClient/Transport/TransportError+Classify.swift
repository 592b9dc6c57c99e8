import GenesysWire

extension TransportError {
    /// Any error a transport throws, as a `TransportError`: foreign transports (tests, the
    /// emulator) may throw their own types, which count as `other` network failures.
    static func from(_ error: any Error) -> TransportError {
        if let error = error as? TransportError { return error }
        return TransportError(.other, String(describing: type(of: error)))
    }
}
