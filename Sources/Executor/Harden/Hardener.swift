import Foundation
import GenesysClient
import GenesysWire
import PlanGraph

/// The reads and writes of one hardening step, one function per kind. Each returns every object
/// it looked at; `done` collects them as they complete so a failure still records what changed.
final class Hardener: @unchecked Sendable {
    // @unchecked: `done` is only touched by the step's own sequential calls.
    let step: String
    let settings: HardenSettings
    let sandbox: GenesysClient
    let journal: @Sendable (SideEffect) async throws -> Void
    let alreadyWritten: @Sendable (String) -> Bool
    /// Where each kind is read (`campaign`, ...): the sandbox when hardening; for `check`, before
    /// the refresh, production for the kinds the refresh copies.
    let reader: @Sendable (String) -> GenesysClient
    /// `check`: read and compare, send nothing; `changed` then means "would change".
    let dryRun: Bool
    private(set) var done: [HardenedObject] = []

    static let redacted = JSONValue.string("***")

    init(step: String, settings: HardenSettings, sandbox: GenesysClient, journal: @escaping @Sendable (SideEffect) async throws -> Void,
         alreadyWritten: @escaping @Sendable (String) -> Bool, reader: (@Sendable (String) -> GenesysClient)? = nil, dryRun: Bool = false) {
        self.reader = reader ?? { _ in sandbox }
        self.dryRun = dryRun
        self.step = step
        self.settings = settings
        self.sandbox = sandbox
        self.journal = journal
        self.alreadyWritten = alreadyWritten
    }

    private func record(_ kind: String, _ name: String?, _ id: String?, _ action: HardenedObject.Action, _ before: JSONValue?, _ after: JSONValue?) -> HardenedObject {
        let object = HardenedObject(step: step, kind: kind, name: name ?? "", id: id ?? "", action: action, before: before, after: after)
        done.append(object)
        return object
    }

    /// Journals and sends one write; nil in a dry run, where nothing is sent.
    private func write<T: Sendable>(_ kind: String, _ name: String, _ send: () async throws -> T) async throws -> T? {
        guard !dryRun else { return nil }
        try await journal(.harden(kind: kind, name: name))
        let answer = try await send()
        try await journal(.hardened(kind: kind, name: name))
        return answer
    }

    /// Campaigns that are `on` become `off` (the whole campaign, its version); stopping ones are left.
    func campaigns(allow: [String]) async throws -> [HardenedObject] {
        var result: [HardenedObject] = []
        for campaign in try await reader("campaign").fetchAll(.campaigns, pageSize: 100, as: Campaign.self) {
            let status = campaign.campaignStatus ?? ""
            let before = JSONValue.object(["campaignStatus": .string(status), "version": campaign.version.map { .number(Double($0)) } ?? .null])
            guard status == "on", let id = campaign.id else {
                result.append(record("campaign", campaign.name, campaign.id, .unchanged, before, before))
                continue
            }
            if PropertyPath.matches(allow, campaign.name ?? "") {
                result.append(record("campaign", campaign.name, id, .allowed, before, before))
                continue
            }
            var body = campaign
            body.campaignStatus = "off"
            let sandbox = self.sandbox
            let updated = try await write("campaign", campaign.name ?? id) {
                try await sandbox.send(SandboxWriteEndpoint.update(.campaigns, id: id, body), as: Campaign.self)
            } ?? body
            let after = JSONValue.object(["campaignStatus": .string(updated.campaignStatus ?? "off"), "version": updated.version.map { .number(Double($0)) } ?? .null])
            result.append(record("campaign", campaign.name, id, .changed, before, after))
        }
        return result
    }

    /// Enabled triggers become disabled: `{version, enabled: false}`.
    func triggers(allow: [String]) async throws -> [HardenedObject] {
        var result: [HardenedObject] = []
        for trigger in try await Self.allTriggers(reader("trigger")) {
            let before = JSONValue.object(["enabled": .bool(trigger.enabled ?? false), "version": trigger.version.map { .number(Double($0)) } ?? .null])
            guard trigger.enabled == true, let id = trigger.id else {
                result.append(record("trigger", trigger.name, trigger.id, .unchanged, before, before))
                continue
            }
            if PropertyPath.matches(allow, trigger.name ?? "") {
                result.append(record("trigger", trigger.name, id, .allowed, before, before))
                continue
            }
            let sandbox = self.sandbox
            var disabled = trigger
            disabled.enabled = false
            let updated = try await write("trigger", trigger.name ?? id) {
                try await sandbox.send(SandboxWriteEndpoint.updateTrigger(id: id, UpdateTriggerRequest(version: trigger.version, enabled: false)), as: Trigger.self)
            } ?? disabled
            let after = JSONValue.object(["enabled": .bool(updated.enabled ?? false), "version": updated.version.map { .number(Double($0)) } ?? .null])
            result.append(record("trigger", trigger.name, id, .changed, before, after))
        }
        return result
    }

    /// Every trigger, following the listing's `nextUri` cursor.
    static func allTriggers(_ sandbox: GenesysClient) async throws -> [Trigger] {
        var triggers: [Trigger] = []
        var after: String?
        var seen = Set<String>()
        repeat {
            let page = try await sandbox.send(SandboxWriteEndpoint.listTriggers(pageSize: 100, after: after), as: TriggerPage.self)
            triggers += page.entities
            after = page.nextUri.flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "after" }?.value }
            // A cursor seen before would loop forever: stop instead.
            if let cursor = after, !seen.insert(cursor).inserted { after = nil }
        } while after != nil
        return triggers
    }

    /// Matching integrations' current config gets the plan's properties; written only when one differs.
    func integrations() async throws -> [HardenedObject] {
        var result: [HardenedObject] = []
        let source = reader("integration")
        for integration in try await source.fetchAll(.integrations, pageSize: 100, as: Integration.self) {
            let name = integration.name ?? ""
            let pairs = settings.integrations.filter { PropertyPath.matches([$0.name], name) }.flatMap(\.values)
            guard !pairs.isEmpty, let id = integration.id else { continue }
            let config = try await source.send(SandboxWriteEndpoint.integrationConfig(integrationId: id), as: IntegrationConfiguration.self)
            var properties = config.properties ?? .object([:])
            for pair in pairs { properties = HardenSettings.setting(properties, pair.key, to: .string(pair.value)) }
            let before = JSONValue.object(Dictionary(pairs.map { ($0.key, PropertyPath.value(config.properties, $0.key) ?? .null) }, uniquingKeysWith: { first, _ in first }))
            guard properties != (config.properties ?? .object([:])) else {
                result.append(record("integration", name, id, .unchanged, before, before))
                continue
            }
            var body = config
            body.properties = properties
            let sandbox = self.sandbox
            let updated = try await write("integration", name) {
                try await sandbox.send(SandboxWriteEndpoint.updateIntegrationConfig(integrationId: id, body), as: IntegrationConfiguration.self)
            } ?? body
            let after = JSONValue.object(Dictionary(pairs.map { ($0.key, PropertyPath.value(updated.properties, $0.key) ?? .null) }, uniquingKeysWith: { first, _ in first }))
            result.append(record("integration", name, id, .changed, before, after))
        }
        return result
    }

    /// Matching credentials get the plan's fields. They cannot be compared: each is written once
    /// per step, unless a previous attempt of this run completed its write.
    func credentials(values: [String: [String: String]]) async throws -> [HardenedObject] {
        var result: [HardenedObject] = []
        for info in try await reader("credential").fetchAll(.credentials, pageSize: 100, as: CredentialInfo.self) {
            let name = info.name ?? ""
            let matching = settings.credentials.filter { PropertyPath.matches([$0.name], name) }
            guard !matching.isEmpty, let id = info.id else { continue }
            var fields: [String: String] = [:]
            for rewrite in matching { fields.merge(values[rewrite.name] ?? [:]) { _, last in last } }
            let shown = JSONValue.object(Dictionary(fields.keys.map { ($0, Self.redacted) }, uniquingKeysWith: { first, _ in first }))
            if alreadyWritten(name) {
                result.append(record("credential", name, id, .alreadyWritten, shown, shown))
                continue
            }
            let sandbox = self.sandbox
            _ = try await write("credential", name) {
                try await sandbox.send(SandboxWriteEndpoint.update(.credentials, id: id, Credential(id: nil, name: info.name, type: info.type, credentialFields: fields)))
            }
            result.append(record("credential", name, id, .changed, shown, shown))
        }
        return result
    }

    /// Trunk bases: every registration property present gets the plan's value (as a setting's
    /// `instance` when it is a `{value: {instance, default}}` setting); none is deleted.
    func trunkBases(value: String) async throws -> [HardenedObject] {
        var result: [HardenedObject] = []
        for base in try await reader("trunkBase").fetchAll(.trunkBaseSettings, pageSize: 100, as: TrunkBase.self) {
            var properties = base.properties ?? [:]
            var before: [String: JSONValue] = [:], after: [String: JSONValue] = [:]
            for name in settings.registrationProperties {
                guard let current = properties[name] else { continue }
                before[name] = current
                let replaced = Self.replacing(current, with: value)
                properties[name] = replaced
                after[name] = replaced
            }
            guard !before.isEmpty else { continue }
            guard properties != (base.properties ?? [:]) else {
                result.append(record("trunkBase", base.name, base.id, .unchanged, .object(before), .object(after)))
                continue
            }
            var body = base
            body.properties = properties
            let sandbox = self.sandbox
            _ = try await write("trunkBase", base.name) {
                try await sandbox.send(SandboxWriteEndpoint.update(.trunkBaseSettings, id: base.id, body), as: TrunkBase.self)
            }
            result.append(record("trunkBase", base.name, base.id, .changed, .object(before), .object(after)))
        }
        return result
    }

    static func replacing(_ property: JSONValue, with value: String) -> JSONValue {
        guard case .object(var setting) = property else { return .string(value) }
        if case .object(var inner)? = setting["value"] {
            inner["instance"] = .string(value)
            if inner["default"] != nil { inner["default"] = .string(value) }
            setting["value"] = .object(inner)
        } else {
            setting["value"] = .string(value)
        }
        return .object(setting)
    }
}
