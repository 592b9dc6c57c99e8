import Foundation
import GenesysClient

extension RunEvent {
    /// A client's retry, 429 wait, re-login or breaker change as a run event: the log shows it
    /// at once (a breaker opening as a warning) and report.html lists it afterwards.
    public static func resilience(_ event: ResilienceEvent, organization: String, timestamp: Date, elapsed: Double) -> RunEvent {
        var fields = event.fields
        fields["organization"] = organization
        var opened = false
        if case .breaker(_, let transition) = event { opened = transition.hasPrefix("open") || transition.hasPrefix("reopen") }
        return RunEvent(timestamp: timestamp, elapsed: elapsed, level: opened ? .warning : .info,
                        event: event.name, step: nil, message: "\(organization): \(event.message)", fields: fields)
    }
}
