/// Which run endings a notification target hears about.
public enum NotifyEvent: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every failed outcome except a timeout (and except SIGINT/SIGTERM, which are not failures).
    case failure
    /// `timed-out`: the refresh outlived `maxWait` and was left running.
    case timeout
    case success
    /// Before the submission: the refresh would delete or overwrite sandbox work (the impact's summary).
    case impact

    public static let defaults: [NotifyEvent] = [.failure, .timeout]
}

/// The message format a target receives.
public enum NotifyChannel: String, Sendable, Hashable, Codable, CaseIterable {
    /// A Slack incoming webhook: `text` fallback plus Block Kit `blocks`.
    case slack
    /// A Microsoft Teams incoming webhook or workflow: an Adaptive Card attachment.
    case teams
    /// Any endpoint: the documented JSON of docs/notifications.md.
    case webhook
}

/// One place a run's ending is posted to. The URL is a secret: it is shown as where it comes
/// from (`${env:NAME}`), never as its value.
public struct NotifyTarget: Sendable, Hashable, Codable {
    public var channel: NotifyChannel
    public var url: SecretValue
    public var on: [NotifyEvent]

    public init(_ channel: NotifyChannel, url: SecretValue, on: [NotifyEvent] = NotifyEvent.defaults) {
        self.channel = channel
        self.url = url
        self.on = on
    }

    /// The plan key the target came from, for logs and errors (`notify.targets[1]`).
    public func place(index: Int?) -> String {
        index.map { "notify.targets[\($0)] (\(channel.rawValue))" } ?? "notify.onFailure.webhook"
    }
}

public struct NotifySettings: Sendable, Hashable, Codable {
    /// Deprecated `notify.onFailure.webhook`: kept working as a generic webhook target that
    /// hears failures and timeouts, as it always did.
    public var onFailureWebhook: SecretValue?
    public var targets: [NotifyTarget]

    public init(onFailureWebhook: SecretValue? = nil, targets: [NotifyTarget] = []) {
        self.onFailureWebhook = onFailureWebhook
        self.targets = targets
    }

    /// Every target in plan order, with its place in the plan; the deprecated webhook first.
    public var allTargets: [(target: NotifyTarget, place: String)] {
        var all: [(NotifyTarget, String)] = []
        if let hook = onFailureWebhook {
            let legacy = NotifyTarget(.webhook, url: hook, on: NotifyEvent.defaults)
            all.append((legacy, legacy.place(index: nil)))
        }
        for (index, target) in targets.enumerated() { all.append((target, target.place(index: index))) }
        return all
    }

    enum CodingKeys: String, CodingKey { case onFailureWebhook, targets }

    // Saved plans written before `targets` existed still load.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        onFailureWebhook = try container.decodeIfPresent(SecretValue.self, forKey: .onFailureWebhook)
        targets = try container.decodeIfPresent([NotifyTarget].self, forKey: .targets) ?? []
    }
}
