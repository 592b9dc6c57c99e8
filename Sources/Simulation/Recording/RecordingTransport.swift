import Foundation
import GenesysWire

/// Deliberate bugs, injected below the client, for proving that the invariants catch them.
public enum Sabotage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Right after a refresh is accepted, a flow validation request goes out.
    case validateBeforeCompleted = "validate-before-completed"
    /// Every status request is sent twice in a row.
    case pollFasterThanFloor = "poll-faster-than-floor"
    /// A 404 or 409 answer is tried once more.
    case retryNonRetryable = "retry-non-retryable"
}

/// Sits between one client and the emulator: every attempt, and its answer, passes the
/// invariant monitor first. A killed process's transport sends nothing (and reports the attempt).
struct RecordingTransport: HTTPTransport {
    let inner: any HTTPTransport
    let source: InvariantMonitor.Source
    let monitor: InvariantMonitor
    let sabotage: Sabotage?
    let process: SimulatedProcess

    func send(_ request: WireRequest, timeout: Duration) async throws -> WireResponse {
        let response = try await forward(request, timeout: timeout)
        guard let sabotage else { return response }
        let path = request.url.path
        switch sabotage {
        case .validateBeforeCompleted where request.method == .post && path.hasSuffix("/refreshes") && response.status == 200:
            var early = request
            early.url = URL(string: request.url.absoluteString.replacingOccurrences(of: path, with: "/api/v2/architect/flows/validate"))!
            early.body = Data(#"{"flowIds":[],"validateReferences":true}"#.utf8)
            _ = try? await forward(early, timeout: timeout)
        case .pollFasterThanFloor where request.method == .get && path.split(separator: "/").count == 6 && path.contains("/refreshes/"):
            _ = try? await forward(request, timeout: timeout)
        case .retryNonRetryable where response.status == 404 || response.status == 409:
            monitor.log(CapturedLogLine(label: "sabotage", level: .trace, message: "sending", metadata: ["attempt": "2"], moment: monitor.clock.now), source: source)
            _ = try? await forward(request, timeout: timeout)
        default:
            break
        }
        return response
    }

    private func forward(_ request: WireRequest, timeout: Duration) async throws -> WireResponse {
        guard process.isAlive else {
            monitor.requestAfterDeath(source, method: request.method.rawValue, path: request.url.path)
            throw CancellationError()
        }
        monitor.willSend(request, source: source)
        do {
            let response = try await inner.send(request, timeout: timeout)
            monitor.didReceive(request, source: source, response: response)
            return response
        } catch {
            monitor.didReceive(request, source: source, response: nil)
            throw error
        }
    }
}
