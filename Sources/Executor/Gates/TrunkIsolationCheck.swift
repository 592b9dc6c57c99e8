import GenesysWire

/// Whether a sandbox trunk could register with production's carrier, judged only on what the
/// platform sends: a trunk tries to register when it is `enabled` and its
/// `registersEnabledStatus` is `ENABLED`; with whom is a property of its trunk base settings
/// (`properties`), whose name the reference does not give, so the plan names it
/// (`gates.trunkIsolation.registrationProperties`). A trunk whose registration identity cannot
/// be read fails the gate: an unreadable identity is never taken as a safe one.
public struct TrunkIsolationCheck: Sendable, Hashable {
    public struct Finding: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// Registers with an identity production uses.
            case sharedRegistration = "shared-registration"
            /// Registration is enabled, but no named property on its trunk base says with whom.
            case unknownIdentity = "unknown-identity"
            /// Its trunk base is not among the sandbox's trunk base settings.
            case missingTrunkBase = "missing-trunk-base"
        }

        public var kind: Kind
        public var trunk: String
        public var detail: String
    }

    public var findings: [Finding]
    /// Sandbox trunks that would register (enabled, registration enabled).
    public var registeringTrunks: Int
    public var trunksChecked: Int
    /// Registration identities production's trunk bases use.
    public var productionIdentities: Int
    /// Production trunks that register but whose identity none of the properties holds: the
    /// gate cannot compare against them.
    public var unreadableProduction: [String]

    public var passed: Bool { findings.isEmpty && unreadableProduction.isEmpty }

    public static func judge(productionTrunks: [Trunk], productionBases: [TrunkBase], sandboxTrunks: [Trunk], sandboxBases: [TrunkBase],
                             properties: [String]) -> TrunkIsolationCheck {
        func identities(_ base: TrunkBase) -> [String] { properties.compactMap { base.propertyText($0) } }
        let productionById = Dictionary(productionBases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let production = Set(productionBases.flatMap(identities))
        var unreadable: [String] = []
        for trunk in productionTrunks where registers(trunk) {
            guard let id = trunk.trunkBase?.id, let base = productionById[id] else { continue }
            if identities(base).isEmpty { unreadable.append("\(trunk.name) (trunk base \(base.name))") }
        }
        let sandboxById = Dictionary(sandboxBases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        var registering = 0
        for trunk in sandboxTrunks where registers(trunk) {
            registering += 1
            guard let reference = trunk.trunkBase, let base = sandboxById[reference.id] else {
                findings.append(Finding(kind: .missingTrunkBase, trunk: trunk.name, detail: "its trunk base \(trunk.trunkBase?.id ?? "(none)") is not in the sandbox's trunk base settings"))
                continue
            }
            let own = identities(base)
            if own.isEmpty {
                findings.append(Finding(kind: .unknownIdentity, trunk: trunk.name, detail: "registration is enabled but trunk base \(base.name) has none of the properties \(properties.joined(separator: ", "))"))
            } else if let shared = own.first(where: production.contains) {
                let now = trunk.isRegistered ? ", and is registered right now" : ""
                findings.append(Finding(kind: .sharedRegistration, trunk: trunk.name, detail: "registers as production's \(Self.redacted(shared)) (trunk base \(base.name))\(now)"))
            }
        }
        return TrunkIsolationCheck(findings: findings, registeringTrunks: registering, trunksChecked: sandboxTrunks.count,
                                   productionIdentities: production.count, unreadableProduction: unreadable)
    }

    /// A trunk that will try to register: enabled (absent counts as enabled) with registration on.
    static func registers(_ trunk: Trunk) -> Bool {
        trunk.enabled != false && trunk.state != "deleted" && trunk.registersEnabledStatus == .enabled
    }

    /// Registration identities are SIP URIs with user names in them: show the host only.
    static func redacted(_ identity: String) -> String {
        guard let at = identity.lastIndex(of: "@") else { return "registration identity" }
        return "registration at \(identity[identity.index(after: at)...])"
    }

    public var summary: String {
        if passed {
            return "\(trunksChecked) sandbox trunk(s), \(registeringTrunks) registering; none shares one of production's \(productionIdentities) registration identit\(productionIdentities == 1 ? "y" : "ies")"
        }
        var parts = findings.prefix(5).map { "\($0.trunk): \($0.detail)" }
        if findings.count > 5 { parts.append("and \(findings.count - 5) more") }
        if !unreadableProduction.isEmpty {
            parts.append("production trunks register but their trunk bases hold none of the named properties: \(unreadableProduction.prefix(3).joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }
}
