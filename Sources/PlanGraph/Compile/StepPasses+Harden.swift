import Foundation
import GenesysWire
import RefreshPlan

extension StepPasses {
    /// After each completed refresh (after its restore, before its gates): the plan's `harden`
    /// actions, each reading the sandbox and writing only what differs.
    static func harden(_ b: inout GraphBuilder, _ chain: Chain, scope: Scope) {
        let plan = b.plan.harden
        guard !plan.isEmpty else { return }
        // A credential cannot be compared: an expansion round rewrites credentials only when
        // its refresh copied them again (ADMIN).
        let credentials = chain == .primary || scope.contains(.ADMIN) ? plan.credentials : []
        let settings = HardenSettings(
            campaignAllow: plan.campaigns?.allow, triggerAllow: plan.triggers?.allow,
            integrations: plan.integrations.map { .init(name: $0.name, values: $0.properties.map { .init($0.property, $0.value) }) },
            credentials: credentials.map { rewrite in
                .init(name: rewrite.name, fields: Dictionary(rewrite.fields.map { ($0.field, SecretReference($0.value)) },
                                                             uniquingKeysWith: { _, last in last }))
            },
            trunkRegistration: plan.trunkRegistration, registrationProperties: b.plan.gates.trunkIsolationSettings.registrationProperties)
        var summary: [String] = []
        var requests: [PlannedRequest] = []
        if let allow = settings.campaignAllow {
            summary.append("Campaigns: stop every campaign that is on\(allow.isEmpty ? "" : " except \(allow.joined(separator: ", "))") (campaignStatus off, with its version; stopping and forced_stopping are already stopping).")
            requests.append(PlannedRequest(.sandbox, Endpoint.list(.campaigns, pageSize: 100), repeatNote: "every page"))
            requests.append(PlannedRequest(.sandbox, SandboxWriteEndpoint.update(.campaigns, id: "{campaignId}", Campaign(id: "{campaignId}", name: "{name}", version: nil, campaignStatus: "off", dialingMode: nil)),
                                           repeatNote: "the whole campaign as read, with its version, for each campaign that is on"))
        }
        if let allow = settings.triggerAllow {
            summary.append("Triggers: disable every enabled process automation trigger\(allow.isEmpty ? "" : " except \(allow.joined(separator: ", "))").")
            requests.append(PlannedRequest(.sandbox, SandboxWriteEndpoint.listTriggers(pageSize: 100), repeatNote: "every page, following nextUri"))
            requests.append(PlannedRequest(.sandbox, SandboxWriteEndpoint.updateTrigger(id: "{triggerId}", UpdateTriggerRequest(version: nil, enabled: false)),
                                           repeatNote: "with the trigger's version, for each enabled trigger"))
        }
        if !settings.integrations.isEmpty {
            for rewrite in settings.integrations {
                summary.append("Integrations \(rewrite.name): set \(rewrite.values.map { "properties.\($0.key) = \"\($0.value)\"" }.joined(separator: ", ")).")
            }
            requests.append(PlannedRequest(.sandbox, Endpoint.list(.integrations, pageSize: 100), repeatNote: "every page"))
            requests.append(PlannedRequest(.sandbox, SandboxWriteEndpoint.integrationConfig(integrationId: "{integrationId}"), repeatNote: "each matching integration"))
            for rewrite in settings.integrations {
                var properties = JSONValue.object([:])
                for pair in rewrite.values { properties = HardenSettings.setting(properties, pair.key, to: .string(pair.value)) }
                requests.append(PlannedRequest(.sandbox, SandboxWriteEndpoint.updateIntegrationConfig(integrationId: "{integrationId}", IntegrationConfiguration(id: nil, name: nil, version: nil, properties: properties)),
                                               repeatNote: "integrations matching \(rewrite.name): the config as read, with its version and these properties, only when one differs"))
            }
        }
        if !settings.credentials.isEmpty {
            for rewrite in settings.credentials {
                summary.append("Credentials \(rewrite.name): set \(rewrite.fields.keys.sorted().map { "\($0) from \(rewrite.fields[$0]!)" }.joined(separator: ", ")) (resolved before anything is sent, never logged or written).")
            }
            let fields = Dictionary(settings.credentials.flatMap { $0.fields.map { ($0.key, $0.value.description) } }, uniquingKeysWith: { first, _ in first })
            requests.append(PlannedRequest(.sandbox, Endpoint.list(.credentials, pageSize: 100), repeatNote: "every page"))
            requests.append(PlannedRequest(.sandbox, SandboxWriteEndpoint.update(.credentials, id: "{credentialId}", Credential(id: nil, name: "{name}", type: CredentialTypeRef(name: "{type}"), credentialFields: fields)),
                                           repeatNote: "each matching credential: it cannot be compared, so its intent is journaled first and its completion after"))
        } else if chain == .expansion, !plan.credentials.isEmpty {
            summary.append("Credentials: not rewritten again; this round's refresh does not copy them (ADMIN is not in its scope).")
        }
        if let value = settings.trunkRegistration {
            summary.append("Trunk base settings: set \(settings.registrationProperties.joined(separator: ", ")) to \"\(value)\" where present (gates.trunkIsolation.registrationProperties); never deleted.")
            requests.append(PlannedRequest(.sandbox, Endpoint.list(.trunkBaseSettings, pageSize: 100), repeatNote: "every page"))
            let body = TrunkBase(id: "{trunkBaseId}", name: "{name}", version: nil, trunkMetabase: nil,
                                 properties: Dictionary(settings.registrationProperties.map { ($0, JSONValue.object(["value": .object(["instance": .string(value)])])) }, uniquingKeysWith: { first, _ in first }))
            requests.append(PlannedRequest(.sandbox, SandboxWriteEndpoint.update(.trunkBaseSettings, id: "{trunkBaseId}", body),
                                           repeatNote: "the trunk base as read, with its version, only when a registration property differs"))
        }
        summary.append("Read, compare, write only what differs; each object's before and after goes to hardening.json (secret values as ***). A resumed run changes each object once.")
        b.add(PlanNode(
            .harden(chain, settings),
            title: "Harden the sandbox\(chain == .expansion ? " (expanded scope)" : "")",
            summary: summary,
            requests: requests,
            onFailure: "an API failure or an unresolvable secret ends the run before its gates"))
    }
}
