import Foundation

/// `notify` and `network`: where alerts go and how requests leave the machine.
extension PlanDecoder {
    func decodeNotify(_ r: SectionReader) -> NotifySettings {
        var settings = NotifySettings()
        if let failure = r.section("onFailure"), let webhook = failure.secret("webhook"),
           checkLiteral(webhook, at: failure.value("webhook"), path: failure.qualified("webhook")) {
            settings.onFailureWebhook = webhook
        }
        settings.targets = r.items("targets")?.compactMap(decodeNotifyTarget) ?? []
        return settings
    }

    func decodeNotifyTarget(_ item: (node: PlanNode, path: String)) -> NotifyTarget? {
        guard let r = SectionReader(item.node, section: PlanSections.notifyTarget, path: item.path, state: state) else { return nil }
        let on = choiceList(r, "on", as: NotifyEvent.self) ?? NotifyEvent.defaults
        let named = NotifyChannel.allCases.filter { r.value($0.rawValue) != nil }
        guard named.count == 1, let channel = named.first else {
            state.fail(item.path)
            let listed = named.isEmpty ? "names none of them" : "names \(named.map(\.rawValue).joined(separator: " and "))"
            state.sink.add(.notifyTargetChannel, "'\(item.path)' must name exactly one of slack, teams, webhook; it \(listed)", at: item.node,
                           help: "write one target per channel, e.g. - {slack: \"${env:SLACK_WEBHOOK_URL}\", on: [failure, timeout]}")
            return nil
        }
        guard let url = r.secret(channel.rawValue),
              checkLiteral(url, at: r.value(channel.rawValue), path: r.qualified(channel.rawValue)) else { return nil }
        return NotifyTarget(channel, url: url, on: on)
    }

    /// A literal URL must be https, carry no credentials and parse; `${env:...}` is checked when
    /// it is resolved, before anything is sent.
    func checkLiteral(_ secret: SecretValue, at node: PlanNode?, path: String) -> Bool {
        guard case .literal(let url) = secret.source, let node else { return true }
        switch URLCheck.check(url) {
        case .ok:
            return true
        case .credentials:
            state.markSensitive(node)
            state.fail(path)
            state.sink.add(.literalSecret, "'\(path)' is a URL that carries credentials; it is a secret", at: node,
                           help: "move it to a secrets manager and write ${env:NAME}")
        case .insecure(let host):
            state.fail(path)
            state.sink.add(.invalidURL, "'\(path)' uses http:// for '\(host)'; webhooks must use https", at: node)
        case .invalid(let why):
            state.fail(path)
            state.sink.add(.invalidURL, "'\(path)' is not a valid URL: \(why)", at: node)
        }
        return false
    }

    func decodeNetwork(_ r: SectionReader) -> NetworkSettings {
        var settings = NetworkSettings(caBundle: r.string("caBundle"))
        guard let node = r.value("proxy"), let text = r.string("proxy") else { return settings }
        let path = r.qualified("proxy")
        if text == "none" {
            settings.proxy = .direct
            return settings
        }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
              ["http", "https"].contains(components.scheme?.lowercased() ?? "") else {
            state.fail(path)
            state.sink.add(.invalidURL, "'\(path)' is not a proxy URL such as http://proxy.internal:3128, nor none", at: node)
            return settings
        }
        if components.user != nil || components.password != nil {
            state.markSensitive(node)
            state.fail(path)
            state.sink.add(.literalSecret, "'\(path)' carries proxy credentials; they are a secret", at: node,
                           help: "set HTTPS_PROXY=http://user:password@host:port in the environment instead")
            return settings
        }
        settings.proxy = .url(text)
        return settings
    }
}
