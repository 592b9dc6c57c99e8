import Foundation
import GenesysWire

/// Integration configurations and process automation triggers (issue 26's endpoints): read,
/// and update with the current `version` (409 `conflict` otherwise). The trigger listing is
/// cursor-paged as on the platform: `pageSize` (default 25, at most 500), `after` (the last
/// trigger id of the previous page) and `before`; `nextUri` is absent on the last page.
/// Filters: `enabled`, `topicName`.
extension EmulatorState {
    func integrationConfig(_ integrationId: String, _ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org), let config = org.integrationConfigs[integrationId] else {
            return Reply.notFound(context, "Integration \(integrationId) not found")
        }
        return Reply.json(config, context)
    }

    mutating func updateIntegrationConfig(_ integrationId: String, _ body: JSONValue, _ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let current = org(organization)?.integrationConfigs[integrationId] else {
            return Reply.notFound(context, "Integration \(integrationId) not found")
        }
        if let stale = staleVersion(body["version"].flatMap(Self.intValue), current: current.version, context) { return stale }
        guard var config = Self.decoded(IntegrationConfiguration.self, body) else {
            return Reply.badRequest(context, "Not an integration configuration", field: "body")
        }
        config.id = integrationId
        config.selfUri = current.selfUri
        config.name = config.name ?? current.name
        config.properties = config.properties ?? current.properties
        config.credentials = config.credentials ?? current.credentials
        config.version = (current.version ?? 1) + 1
        let updated = config
        updateOrg(organization) { $0.integrationConfigs[integrationId] = updated }
        return Reply.json(updated, context)
    }

    func listTriggers(_ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org) else { return Reply.notFound(context) }
        guard let size = Int(context.query["pageSize"] ?? "25"), (1...Self.maxPageSize).contains(size) else {
            return Reply.badRequest(context, "pageSize must be between 1 and \(Self.maxPageSize)", field: "pageSize")
        }
        var triggers = org.triggers
        if let enabled = context.query["enabled"] { triggers = triggers.filter { ($0.enabled ?? false) == (enabled.lowercased() == "true") } }
        if let topic = context.query["topicName"] { triggers = triggers.filter { $0.topicName == topic } }
        var start = 0
        if let after = context.query["after"] {
            guard let index = triggers.firstIndex(where: { $0.id == after }) else { return Reply.badRequest(context, "Unknown cursor", field: "after") }
            start = index + 1
        } else if let before = context.query["before"] {
            guard let index = triggers.firstIndex(where: { $0.id == before }) else { return Reply.badRequest(context, "Unknown cursor", field: "before") }
            start = max(0, index - size)
        }
        let page = Array(triggers[min(start, triggers.count)..<min(start + size, triggers.count)])
        let base = "/api/v2/processautomation/triggers?pageSize=\(size)"
        let next = start + size < triggers.count ? page.last?.id.map { "\(base)&after=\($0)" } : nil
        let previous = start > 0 ? page.first?.id.map { "\(base)&before=\($0)" } : nil
        return Reply.json(TriggerPage(entities: page, nextUri: next, selfUri: context.pathWithQuery, previousUri: previous), context)
    }

    func trigger(_ triggerId: String, _ context: RequestContext) -> WireResponse {
        guard let trigger = context.organization.flatMap(org)?.triggers.first(where: { $0.id == triggerId }) else {
            return Reply.notFound(context, "Trigger \(triggerId) not found")
        }
        return Reply.json(trigger, context)
    }

    mutating func updateTrigger(_ triggerId: String, _ body: JSONValue, _ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let org = org(organization),
              let index = org.triggers.firstIndex(where: { $0.id == triggerId }) else {
            return Reply.notFound(context, "Trigger \(triggerId) not found")
        }
        var trigger = org.triggers[index]
        if let stale = staleVersion(body["version"].flatMap(Self.intValue), current: trigger.version, context) { return stale }
        guard let request = Self.decoded(UpdateTriggerRequest.self, body) else { return Reply.badRequest(context, "Not a trigger update", field: "body") }
        trigger.enabled = request.enabled ?? trigger.enabled
        trigger.name = request.name ?? trigger.name
        trigger.topicName = request.topicName ?? trigger.topicName
        trigger.target = request.target ?? trigger.target
        trigger.matchCriteria = request.matchCriteria ?? trigger.matchCriteria
        trigger.eventTTLSeconds = request.eventTTLSeconds ?? trigger.eventTTLSeconds
        trigger.delayBySeconds = request.delayBySeconds ?? trigger.delayBySeconds
        trigger.description = request.description ?? trigger.description
        trigger.version = (trigger.version ?? 1) + 1
        let updated = trigger
        updateOrg(organization) { $0.triggers[index] = updated }
        return Reply.json(updated, context)
    }
}
