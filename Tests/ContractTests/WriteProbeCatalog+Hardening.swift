import EmulatorCore
import Foundation
import GenesysWire

/// Integrations and their config, credentials, data actions, campaigns, triggers and trunk base
/// settings (issue 26's endpoints).
extension WriteProbeCatalog {
    static let integrations: [Probe] = [
        page("GET /api/v2/integrations", "sandbox", model: "IntegrationEntityListing", Integration.self),
        page("GET /api/v2/integrations", "expanded config", model: "IntegrationEntityListing", Integration.self, caller: .production, query: "?expand=config.current"),
        byId("GET /api/v2/integrations/{integrationId}", model: "Integration", Integration.self) { $0.sandbox.integrations[0].id ?? "" },
        unknown("GET /api/v2/integrations/{integrationId}"),
        ok("GET /api/v2/integrations/{integrationId}/config/current", "config", model: "IntegrationConfiguration",
           call: { w in .get("/api/v2/integrations/\(w.sandbox.integrations[0].id ?? "")/config/current", as: .sandbox) },
           decode: Probe.decoding(IntegrationConfiguration.self)),
        unknown("GET /api/v2/integrations/{integrationId}/config/current"),
        ok("PUT /api/v2/integrations/{integrationId}/config/current", "update", model: "IntegrationConfiguration",
           call: { w in
               let id = w.sandbox.integrations[0].id ?? ""
               let version = w.sandbox.integrationConfigs[id]?.version ?? 1
               return send(.put, "/api/v2/integrations/\(id)/config/current", json(#"{"version": \#(version), "properties": {"baseUrl": "https://api.sandbox.example.com"}}"#))
           }, decode: Probe.decoding(IntegrationConfiguration.self)),
        error("PUT /api/v2/integrations/{integrationId}/config/current", "stale version", 409) { w in
            send(.put, "/api/v2/integrations/\(w.sandbox.integrations[0].id ?? "")/config/current", json(#"{"version": 0, "properties": {}}"#))
        },
        error("PUT /api/v2/integrations/{integrationId}/config/current", "production is read-only", 403) { w in
            send(.put, "/api/v2/integrations/\(w.production.integrations[0].id ?? "")/config/current", json(#"{"version": 1}"#), as: .production)
        },
        page("GET /api/v2/integrations/credentials", "sandbox", model: "CredentialInfoListing", CredentialInfo.self),
        byId("GET /api/v2/integrations/credentials/{credentialId}", model: "Credential", Credential.self) { $0.sandbox.credentials[0].id ?? "" },
        unknown("GET /api/v2/integrations/credentials/{credentialId}"),
        ok("PUT /api/v2/integrations/credentials/{credentialId}", "update", model: "CredentialInfo",
           call: { w in send(.put, "/api/v2/integrations/credentials/\(w.sandbox.credentials[0].id ?? "")", json(#"{"name": "Sandbox credential", "credentialFields": {"userName": "sbx", "password": "sbx-secret"}}"#)) },
           decode: Probe.decoding(CredentialInfo.self)),
        error("PUT /api/v2/integrations/credentials/{credentialId}", "wrong type", 400) { w in
            send(.put, "/api/v2/integrations/credentials/\(w.sandbox.credentials[0].id ?? "")", json(#"{"credentialFields": "secret"}"#))
        },
        page("GET /api/v2/integrations/actions", "sandbox", model: "ActionEntityListing", DataAction.self),
        page("GET /api/v2/integrations/actions", "with config", model: "ActionEntityListing", DataAction.self, caller: .production, query: "?includeConfig=true"),
        byId("GET /api/v2/integrations/actions/{actionId}", model: "Action", DataAction.self, query: "?includeConfig=true") { $0.sandbox.dataActions[0].id ?? "" },
        unknown("GET /api/v2/integrations/actions/{actionId}"),
    ]

    static let outbound: [Probe] = [
        page("GET /api/v2/outbound/campaigns", "sandbox", model: "CampaignEntityListing", Campaign.self),
        byId("GET /api/v2/outbound/campaigns/{campaignId}", model: "Campaign", Campaign.self) { $0.sandbox.campaigns[0].id ?? "" },
        unknown("GET /api/v2/outbound/campaigns/{campaignId}"),
        ok("PUT /api/v2/outbound/campaigns/{campaignId}", "stop", model: "Campaign",
           call: { w in
               var campaign = w.sandbox.campaigns[0]
               campaign.campaignStatus = "off"
               return send(.put, "/api/v2/outbound/campaigns/\(campaign.id ?? "")", body(campaign))
           }, decode: Probe.decoding(Campaign.self)),
        error("PUT /api/v2/outbound/campaigns/{campaignId}", "enum value refused", 400) { w in
            send(.put, "/api/v2/outbound/campaigns/\(w.sandbox.campaigns[0].id ?? "")", json(#"{"version": 1, "campaignStatus": "paused"}"#))
        },
        error("PUT /api/v2/outbound/campaigns/{campaignId}", "stale version", 409) { w in
            send(.put, "/api/v2/outbound/campaigns/\(w.sandbox.campaigns[0].id ?? "")", json(#"{"version": 99, "campaignStatus": "off"}"#))
        },
        ok("GET /api/v2/processautomation/triggers", "first page", model: "TriggerEntityListing",
           call: { _ in .get("/api/v2/processautomation/triggers?pageSize=2", as: .sandbox) }, decode: Probe.decoding(TriggerPage.self)),
        ok("GET /api/v2/processautomation/triggers", "after a cursor", model: "TriggerEntityListing",
           call: { w in .get("/api/v2/processautomation/triggers?pageSize=2&after=\(w.sandbox.triggers[1].id ?? "")", as: .sandbox) },
           decode: Probe.decoding(TriggerPage.self)),
        byId("GET /api/v2/processautomation/triggers/{triggerId}", model: "Trigger", Trigger.self) { $0.sandbox.triggers[0].id ?? "" },
        unknown("GET /api/v2/processautomation/triggers/{triggerId}"),
        ok("PUT /api/v2/processautomation/triggers/{triggerId}", "disable", model: "Trigger",
           call: { w in
               let trigger = w.sandbox.triggers[0]
               return send(.put, "/api/v2/processautomation/triggers/\(trigger.id ?? "")", body(UpdateTriggerRequest(version: trigger.version, enabled: false)))
           }, decode: Probe.decoding(Trigger.self)),
        error("PUT /api/v2/processautomation/triggers/{triggerId}", "wrong type", 400) { w in
            send(.put, "/api/v2/processautomation/triggers/\(w.sandbox.triggers[0].id ?? "")", json(#"{"version": 1, "enabled": "no"}"#))
        },
        ok("PUT /api/v2/telephony/providers/edges/trunkbasesettings/{trunkBaseSettingsId}", "update", model: "TrunkBase",
           call: { w in
               var base = w.sandbox.trunkBases[0]
               base.properties?["trunk_label"] = .object(["type": .string("string"), "value": .object(["default": .null, "instance": .string("Sandbox")])])
               return send(.put, "/api/v2/telephony/providers/edges/trunkbasesettings/\(base.id)", body(base))
           }, decode: Probe.decoding(TrunkBase.self)),
        error("PUT /api/v2/telephony/providers/edges/trunkbasesettings/{trunkBaseSettingsId}", "stale version", 409) { w in
            send(.put, "/api/v2/telephony/providers/edges/trunkbasesettings/\(w.sandbox.trunkBases[0].id)", json(#"{"version": 7}"#))
        },
    ]
}
