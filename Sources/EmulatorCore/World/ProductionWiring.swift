import GenesysWire

/// Production's wiring besides queues and flows: wrap-up codes, schedules and schedule groups
/// (issue 25), and what connects it to the outside world (issue 26): integrations whose config
/// names production hosts, their credentials, data actions, running campaigns and enabled
/// triggers. It draws from a generator of its own, so adding it left every id the world had
/// before unchanged.
struct ProductionWiring {
    static let productionHost = "api.prod.example.com"
    static let crmHost = "crm.prod.example.com"
    static let wrapupNames = ["Resolved", "Callback Scheduled", "Escalated", "Sale Completed", "No Answer", "Wrong Number"]

    var rng: SeededGenerator

    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed ^ 0x5EED_0025_0026_0001)
    }

    mutating func add(to production: inout OrgData, division: EntityRef, literalHostActions: Int) {
        production.wrapupCodes = Self.wrapupNames.map { WrapupCode(id: rng.uuid(), name: $0, division: division) }
        let weekday = Schedule(id: rng.uuid(), name: "Weekday Hours", division: division, start: "2024-01-01T08:00:00.000",
                               end: "2024-01-01T18:00:00.000", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
        let weekend = Schedule(id: rng.uuid(), name: "Weekend Hours", division: division, start: "2024-01-06T10:00:00.000",
                               end: "2024-01-06T14:00:00.000", rrule: "FREQ=WEEKLY;BYDAY=SA")
        let holiday = Schedule(id: rng.uuid(), name: "New Year Holiday", division: division, start: "2024-01-01T00:00:00.000",
                               end: "2024-01-02T00:00:00.000", rrule: "FREQ=YEARLY")
        production.schedules = [weekday, weekend, holiday]
        func ref(_ schedule: Schedule) -> EntityRef { EntityRef(id: schedule.id ?? "", name: schedule.name, selfUri: schedule.selfUri) }
        let group = ScheduleGroup(id: rng.uuid(), name: "Main Line Hours", division: division, timeZone: "America/Indiana/Indianapolis",
                                  openSchedules: [ref(weekday), ref(weekend)], holidaySchedules: [ref(holiday)])
        production.scheduleGroups = [group]
        // Inbound call flows check the main line's hours, as real ones do.
        for index in production.flows.indices where production.flows[index].flow.type == .inboundCall {
            production.flows[index].references.append(FlowReference(type: "scheduleGroup", id: group.id ?? ""))
        }
        addIntegrations(to: &production, literalHostActions: literalHostActions)
        let queue = production.queues.first.map { EntityRef(id: $0.id, name: $0.name, selfUri: $0.selfUri) }
        production.campaigns = [("Renewals Q4", "on"), ("Win-back", "on"), ("Survey Callbacks", "off")].map { name, status in
            Campaign(id: rng.uuid(), name: name, version: 1 + rng.below(5), campaignStatus: status, dialingMode: "preview",
                     contactList: EntityRef(id: rng.uuid(), name: "\(name) contacts"), queue: queue,
                     callerName: "Acme Support", callerAddress: "+13175550100")
        }
        let workflow = production.flows.first { $0.flow.type == .workflow }?.flow.id
        production.triggers = [("Post-call survey", true), ("Escalation to CRM", true), ("Legacy archive", false)].map { name, enabled in
            Trigger(id: rng.uuid(), name: name, topicName: "v2.detail.events.conversation.{id}.customer.end",
                    target: Trigger.Target(id: workflow ?? rng.uuid()), version: 1 + rng.below(3), enabled: enabled,
                    description: "Starts the \(name.lowercased()) workflow")
        }
    }

    /// Two integrations with their configs and credentials; each has data actions whose host
    /// comes from the config (`${credentials.baseUrl}`), and `literalHostActions` more name
    /// production's host in the template itself.
    private mutating func addIntegrations(to production: inout OrgData, literalHostActions: Int) {
        let specs: [(name: String, type: String, properties: [String: JSONValue])] = [
            ("Billing REST", "custom-rest-actions", ["baseUrl": .string("https://\(Self.productionHost)")]),
            ("CRM Connector", "custom-rest-actions", ["host": .string(Self.crmHost), "port": .number(443), "baseUrl": .string("https://\(Self.crmHost)/api")]),
        ]
        for spec in specs {
            let integrationId = rng.uuid(), credentialId = rng.uuid()
            let credential = Credential(id: credentialId, name: "\(spec.name) credential", type: CredentialTypeRef(name: "basicAuth"),
                                        credentialFields: ["userName": "svc-\(spec.name.lowercased().replacingOccurrences(of: " ", with: "-"))",
                                                           "password": rng.hexString(bytes: 12)])
            production.credentials.append(credential)
            production.integrations.append(Integration(id: integrationId, name: spec.name,
                                                       integrationType: EntityRef(id: spec.type, name: "Web Services Data Actions")))
            production.integrationConfigs[integrationId] = IntegrationConfiguration(
                id: integrationId, name: spec.name, version: 1 + rng.below(4), properties: .object(spec.properties), advanced: .object([:]),
                credentials: ["basicAuth": EntityRef(id: credentialId, name: credential.name)])
            for (action, path) in [("Get account", "/v1/accounts/${input.accountId}"), ("Update balance", "/v1/balances/${input.accountId}")] {
                production.dataActions.append(DataAction(
                    id: rng.uuid(), name: "\(spec.name) - \(action)", integrationId: integrationId, category: spec.name,
                    config: DataAction.Config(timeoutSeconds: 10, request: DataAction.RequestConfig(requestUrlTemplate: "${credentials.baseUrl}\(path)"))))
            }
        }
        for index in 0..<literalHostActions {
            let integration = production.integrations[index % production.integrations.count]
            production.dataActions.append(DataAction(
                id: rng.uuid(), name: "Legacy lookup \(index + 1)", integrationId: integration.id, category: integration.name,
                config: DataAction.Config(timeoutSeconds: 10, request: DataAction.RequestConfig(
                    requestUrlTemplate: "https://\(Self.productionHost)/legacy/v0/lookup/${input.key}"))))
        }
    }
}
