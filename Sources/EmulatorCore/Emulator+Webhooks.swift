import Foundation
import GenesysWire
import Synchronization

/// A rehearsal's notifications land here instead of the team's real channel: `POST
/// /emulator/webhooks` keeps the last few bodies (`GET` lists them, with the control surface).
/// They carry run ids and outcomes only, never secrets, so the inbox is served without control.
extension Emulator {
    public static let webhookPath = "/emulator/webhooks"
    static let webhookInboxLimit = 100

    public func webhookInbox(_ request: WireRequest, control: Bool) -> WireResponse? {
        guard request.url.path == Self.webhookPath else { return nil }
        switch request.method {
        case .post:
            let body = request.body ?? Data()
            webhooks.withLock { inbox in
                inbox.append(body)
                if inbox.count > Self.webhookInboxLimit { inbox.removeFirst(inbox.count - Self.webhookInboxLimit) }
            }
            return WireResponse(status: 202, headers: ["Content-Type": "application/json"], body: Data(#"{"received":true}"#.utf8))
        case .get where control:
            let bodies = webhooks.withLock { $0 }.map { String(decoding: $0, as: UTF8.self) }
            return WireResponse(status: 200, headers: ["Content-Type": "application/json"], body: WireCoding.encode(bodies))
        default:
            return WireResponse(status: 405, headers: ["Content-Type": "application/json"], body: Data(#"{"message":"POST only"}"#.utf8))
        }
    }

    /// What the inbox received, oldest first (tests).
    public var receivedWebhooks: [Data] { webhooks.withLock { $0 } }
}
