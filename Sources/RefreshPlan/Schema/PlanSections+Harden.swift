/// `harden` (docs/hardening.md) and the isolation gate that judges it.
extension PlanSections {
    static let globList = FieldType.list(.string(pattern: "^.{1,200}$"), minItems: 1)

    static let harden = Section(path: "harden", doc: "Typed actions run as a `harden.<chain>` step after every completed refresh (after `restore`, before the gates). Each reads the sandbox, compares and writes only what differs; each object's before and after is in `hardening.json` (secret values as `***`).", fields: [
        FieldDefinition(name: "campaigns", type: .section(hardenCampaigns), doc: "Stop running outbound campaigns (copied by ROUTING)."),
        FieldDefinition(name: "triggers", type: .section(hardenTriggers), doc: "Disable process automation triggers (copied by ARCHITECT)."),
        FieldDefinition(name: "integrations", type: .list(.section(hardenIntegration), minItems: 1), doc: "Rewrite properties of integrations' current config (copied by ADMIN)."),
        FieldDefinition(name: "credentials", type: .list(.section(hardenCredential), minItems: 1), doc: "Replace credentials' fields with sandbox secrets (copied by ADMIN). A credential cannot be compared (GET redacts its fields): it is written once per completed refresh, again on resume only when its write was interrupted."),
        FieldDefinition(name: "trunks", type: .section(hardenTrunks), doc: "Replace trunk base settings' registration properties (copied by ALL)."),
    ])

    static let hardenCampaigns = Section(path: "harden.campaigns", doc: "`PUT /api/v2/outbound/campaigns/{id}` of the whole campaign with its `version` and `campaignStatus: off`, for each campaign that is `on` (`stopping` and `forced_stopping` are already stopping).", fields: [
        FieldDefinition(name: "stop", type: .boolean, defaultValue: .bool(true), doc: "`false` turns the action off and keeps the allow list."),
        FieldDefinition(name: "allow", type: globList, doc: "Name globs (`*`, `?`, case-insensitive) of campaigns left running; the isolation gate accepts them.", rules: [.duplicateEntry]),
    ])

    static let hardenTriggers = Section(path: "harden.triggers", doc: "`PUT /api/v2/processautomation/triggers/{id}` with `{version, enabled: false}` for each enabled trigger.", fields: [
        FieldDefinition(name: "disable", type: .boolean, defaultValue: .bool(true), doc: "`false` turns the action off and keeps the allow list."),
        FieldDefinition(name: "allow", type: globList, doc: "Name globs of triggers left enabled; the isolation gate accepts them.", rules: [.duplicateEntry]),
    ])

    static let hardenIntegration = Section(path: "harden.integrations[]", doc: "Integrations whose name matches get their current config's properties rewritten: `PUT /api/v2/integrations/{id}/config/current` with its `version`.", fields: [
        FieldDefinition(name: "name", type: .string(pattern: "^.{1,200}$"), required: true, doc: "Name glob of the integrations."),
        FieldDefinition(name: "set", type: .list(.section(hardenProperty), minItems: 1), required: true, doc: "Properties to set."),
    ])

    static let hardenProperty = Section(path: "harden.integrations[].set[]", doc: "One config property and its sandbox value.", fields: [
        FieldDefinition(name: "property", type: .string(pattern: "^[A-Za-z0-9_-]{1,128}(\\.[A-Za-z0-9_-]{1,128}){0,7}$"), required: true, doc: "A dotted path into the config's `properties` (`baseUrl`, `endpoint.host`); missing objects on the way are created."),
        FieldDefinition(name: "value", type: .string(pattern: "^.{0,2000}$"), required: true, doc: "The sandbox value (a string). Shown in `plan` and recorded in `hardening.json`: not a secret."),
    ])

    static let hardenCredential = Section(path: "harden.credentials[]", doc: "Credentials whose name matches get these fields replaced: `PUT /api/v2/integrations/credentials/{id}` with the credential's name and type.", fields: [
        FieldDefinition(name: "name", type: .string(pattern: "^.{1,200}$"), required: true, doc: "Name glob of the credentials."),
        FieldDefinition(name: "fields", type: .list(.section(hardenCredentialField), minItems: 1), required: true, doc: "The credential's fields: the PUT replaces them all (GET returns them redacted, so none can be kept), so name every field the credential needs."),
    ])

    static let hardenCredentialField = Section(path: "harden.credentials[].fields[]", doc: "One credential field and the secret it is set to.", fields: [
        FieldDefinition(name: "field", type: .string(pattern: "^[A-Za-z0-9_.-]{1,128}$"), required: true, doc: "The credential field (`password`, `clientSecret`, `userName`)."),
        FieldDefinition(name: "value", type: .secret(literalAllowed: false), required: true, doc: "`${env:NAME}` or `${file:PATH}`, resolved before anything is sent; never logged or written.", rules: [.literalSecret, .invalidInterpolation, .unsetEnvironment, .unreadableSecretFile]),
    ])

    static let hardenTrunks = Section(path: "harden.trunks", doc: "`PUT /api/v2/telephony/providers/edges/trunkbasesettings/{id}` with its `version`, for each trunk base with a registration property (`gates.trunkIsolation.registrationProperties`) whose value differs. A property is never deleted.", fields: [
        FieldDefinition(name: "set", type: .string(pattern: "^.{0,500}$"), required: true, doc: "The sandbox value of every registration property (a sandbox registrar, or empty); a `{value: {instance, default}}` setting gets it as its `instance`."),
    ])

    static let isolation = Section(path: "gates.isolation", doc: "The isolation gate, after hardening.", fields: [
        FieldDefinition(name: "allowedHosts", type: globList, doc: "Host globs (`*.sandbox.example.com`) integration config properties and data action URL templates may name.", rules: [.duplicateEntry]),
    ])
}
