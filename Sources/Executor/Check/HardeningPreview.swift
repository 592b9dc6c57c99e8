import GenesysClient
import PlanGraph

/// `check`'s view of the `harden` step: the objects each action would change after the refresh,
/// read-only. A kind the refresh copies is read from production (the sandbox will hold
/// production's copy); any other from the sandbox as it is.
enum HardeningPreview {
    static func run(_ settings: HardenSettings, scope: RefreshScope, production: GenesysClient, sandbox: GenesysClient) async throws(APIError) -> [HardenedObject] {
        let copiedBy: [String: Bool] = [
            "campaign": scope.contains(.ROUTING), "trigger": scope.contains(.ARCHITECT),
            "integration": scope.contains(.ADMIN), "credential": scope.contains(.ADMIN), "trunkBase": scope.isAll,
        ]
        let hardener = Hardener(step: "harden.primary", settings: settings, sandbox: sandbox, journal: { _ in }, alreadyWritten: { _ in false },
                                reader: { kind in copiedBy[kind] == true ? production : sandbox }, dryRun: true)
        // Secrets are never resolved by `check`: credential fields show as ***.
        let values = Dictionary(settings.credentials.map { ($0.name, $0.fields.mapValues { _ in "***" }) }, uniquingKeysWith: { _, last in last })
        do {
            var objects: [HardenedObject] = []
            if let allow = settings.campaignAllow { objects += try await hardener.campaigns(allow: allow) }
            if let allow = settings.triggerAllow { objects += try await hardener.triggers(allow: allow) }
            if !settings.integrations.isEmpty { objects += try await hardener.integrations() }
            if !settings.credentials.isEmpty { objects += try await hardener.credentials(values: values) }
            if let value = settings.trunkRegistration { objects += try await hardener.trunkBases(value: value) }
            return objects
        } catch let error as APIError {
            throw error
        } catch {
            // Without a journal and without writes, only API errors can arise.
            throw APIError(endpoint: "harden (check)", status: nil, code: nil, message: "\(error)", correlationId: nil, attempts: [], reason: .attemptsExhausted(attempts: 0))
        }
    }
}
