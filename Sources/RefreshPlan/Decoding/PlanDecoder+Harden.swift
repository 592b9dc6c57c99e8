/// `harden` and its actions. Each list entry needs all of its keys; an entry that fails to
/// decode is dropped (its diagnostics fail the plan).
extension PlanDecoder {
    func decodeHarden(_ r: SectionReader) -> Hardening {
        let campaigns = r.section("campaigns").flatMap { c -> AllowPolicy? in
            // `stop: false` keeps the allow list in the plan while switching the action off.
            (c.bool("stop") ?? true) ? AllowPolicy(allow: stringList(c, "allow") ?? []) : nil
        }
        let triggers = r.section("triggers").flatMap { t -> AllowPolicy? in
            (t.bool("disable") ?? true) ? AllowPolicy(allow: stringList(t, "allow") ?? []) : nil
        }
        var integrations: [IntegrationRewrite] = []
        for (node, path) in r.items("integrations") ?? [] {
            guard let i = SectionReader(node, section: PlanSections.hardenIntegration, path: path, state: state) else { continue }
            var properties: [PropertyValue] = []
            for (item, itemPath) in i.items("set") ?? [] {
                guard let p = SectionReader(item, section: PlanSections.hardenProperty, path: itemPath, state: state),
                      let property = p.string("property"), let value = p.string("value") else { continue }
                properties.append(PropertyValue(property: property, value: value))
            }
            if let name = i.string("name"), !properties.isEmpty { integrations.append(IntegrationRewrite(name: name, properties: properties)) }
        }
        var credentials: [CredentialRewrite] = []
        for (node, path) in r.items("credentials") ?? [] {
            guard let c = SectionReader(node, section: PlanSections.hardenCredential, path: path, state: state) else { continue }
            var fields: [CredentialFieldValue] = []
            for (item, itemPath) in c.items("fields") ?? [] {
                guard let f = SectionReader(item, section: PlanSections.hardenCredentialField, path: itemPath, state: state),
                      let field = f.string("field"), let value = f.secret("value") else { continue }
                fields.append(CredentialFieldValue(field: field, value: value))
            }
            if let name = c.string("name"), !fields.isEmpty { credentials.append(CredentialRewrite(name: name, fields: fields)) }
        }
        let trunks = r.section("trunks").flatMap { $0.string("set") }
        return Hardening(campaigns: campaigns, triggers: triggers, integrations: integrations, credentials: credentials, trunkRegistration: trunks)
    }
}
