/// Which run endings a notification target hears about.
public enum NotificationEvent: String, Sendable, Hashable, Codable, CaseIterable {
    case failure
    case timeout
    case success
    /// Posted by the impact step, before the submission, when sandbox work is at risk.
    case impact
}

/// The message format a target receives.
public enum NotificationChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case slack
    case teams
    case webhook
}

/// One place the notify node posts a run's ending to. The URL is a secret reference: shown as
/// where it comes from, resolved only when sending.
public struct NotifyTargetSettings: Sendable, Hashable, Codable {
    public var channel: NotificationChannel
    public var url: SecretReference
    public var on: [NotificationEvent]
    /// The plan key the target came from, for logs and errors (`notify.targets[1] (slack)`).
    public var place: String

    public init(_ channel: NotificationChannel, url: SecretReference, on: [NotificationEvent], place: String) {
        self.channel = channel
        self.url = url
        self.on = on
        self.place = place
    }
}
