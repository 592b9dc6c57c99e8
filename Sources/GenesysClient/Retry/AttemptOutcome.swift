import GenesysWire

/// What one attempt produced, as the retry policy sees it.
public enum AttemptOutcome: Sendable, Hashable {
    case response(status: Int, headers: WireHeaders)
    case networkError(TransportError.Kind)

    public var status: Int? {
        if case .response(let status, _) = self { return status }
        return nil
    }

    /// A refused connection never carried a byte of the request, so even a POST is safe to resend.
    var certainlyNotDelivered: Bool {
        if case .networkError(.connectionRefused) = self { return true }
        return false
    }
}
