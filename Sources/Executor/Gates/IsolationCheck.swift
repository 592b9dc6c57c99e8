import GenesysWire

/// Whether the hardened sandbox can still reach production's world, judged on what it reads
/// back: integration config properties and literal data action hosts outside the allowed host
/// globs, running campaigns and enabled triggers no allow glob covers. Trunks are the trunk
/// isolation gate's.
struct IsolationCheck: Sendable, Hashable {
    struct Finding: Sendable, Hashable, Codable {
        var kind: String
        var name: String
        var reason: String
    }

    var findings: [Finding] = []
    var integrationsChecked = 0
    var dataActionsChecked = 0
    var campaignsChecked = 0
    var triggersChecked = 0

    var passed: Bool { findings.isEmpty }

    static func judge(_ settings: (allowedHosts: [String], campaignAllow: [String], triggerAllow: [String]),
                      configs: [(Integration, IntegrationConfiguration?)], actions: [DataAction], campaigns: [Campaign], triggers: [Trigger]) -> IsolationCheck {
        var check = IsolationCheck()
        func allowed(_ host: String) -> Bool { PropertyPath.matches(settings.allowedHosts, host) }
        for (integration, config) in configs {
            check.integrationsChecked += 1
            for (path, text) in PropertyPath.strings(config?.properties) {
                guard let host = PropertyPath.host(in: text), !allowed(host) else { continue }
                check.findings.append(Finding(kind: "integration", name: integration.name ?? integration.id ?? "",
                                              reason: "config property \(path) names host \(host), outside gates.isolation.allowedHosts"))
            }
        }
        for action in actions {
            check.dataActionsChecked += 1
            // A template taking its host from its integration's config is judged by that config.
            guard let template = action.config?.request?.requestUrlTemplate, let host = PropertyPath.host(in: template), !allowed(host) else { continue }
            check.findings.append(Finding(kind: "dataAction", name: action.name ?? action.id ?? "",
                                          reason: "requestUrlTemplate names host \(host) literally, outside gates.isolation.allowedHosts (data actions cannot be written: change it at the source)"))
        }
        for campaign in campaigns {
            check.campaignsChecked += 1
            guard campaign.campaignStatus == "on", !PropertyPath.matches(settings.campaignAllow, campaign.name ?? "") else { continue }
            check.findings.append(Finding(kind: "campaign", name: campaign.name ?? campaign.id ?? "", reason: "is running (campaignStatus on) and no harden.campaigns.allow glob covers it"))
        }
        for trigger in triggers {
            check.triggersChecked += 1
            guard trigger.enabled == true, !PropertyPath.matches(settings.triggerAllow, trigger.name ?? "") else { continue }
            check.findings.append(Finding(kind: "trigger", name: trigger.name ?? trigger.id ?? "", reason: "is enabled and no harden.triggers.allow glob covers it"))
        }
        return check
    }

    var summary: String {
        let read = "\(integrationsChecked) integration(s), \(dataActionsChecked) data action(s), \(campaignsChecked) campaign(s), \(triggersChecked) trigger(s)"
        if passed {
            return "read back \(read): no property or literal URL names a host outside the allowed hosts, no campaign runs and no trigger is enabled without an allow glob"
        }
        return "\(findings.count) object(s) can reach production's world (read \(read)): " + findings.map { "\($0.kind) \"\($0.name)\" \($0.reason)" }.joined(separator: "; ")
    }
}
