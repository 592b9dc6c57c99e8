/// Sections about customer data and post-refresh gates.
extension PlanSections {
    static let masking = Section(path: "masking", doc: "Masking of customer data (guide edge case 3): applied by `sandbox-refresh mask` to production exports before sync, and sent in the refresh payload for the platform to apply as it copies.", fields: [
        FieldDefinition(name: "maskPii", type: .boolean, defaultValue: .bool(false), doc: "Redact card numbers and SSNs in every field no rule matches (and, in contacts without a rule, phones, emails and street address); asks the platform to mask PII too. Required when ICM or ADMIN can be copied.", rules: [.customerDataNeedsMasking, .maskingRulesIgnored]),
        FieldDefinition(name: "hashKey", type: .secret(literalAllowed: false), doc: "HMAC-SHA-256 key for `hash` and `tokenize` in `sandbox-refresh mask`, and for stable `scan --plan` fingerprints: `${env:NAME}` or `${file:PATH}`. Never sent to the platform.", rules: [.literalSecret, .hashWithoutKey]),
        FieldDefinition(name: "rules", type: .list(.section(maskingRule), minItems: 0), defaultValue: .array([]), doc: "Masking rules, first match wins.", rules: [.emptyMaskingRule]),
    ])

    static let maskingRule = Section(path: "masking.rules[]", doc: "One masking rule.", fields: [
        FieldDefinition(name: "match", type: .section(maskingMatch), required: true, doc: "Which values the rule applies to."),
        FieldDefinition(name: "action", type: .oneOf([.choice(["redact", "hash", "tokenize"]), .section(maskingActionObject)]), required: true, doc: "`redact`, `hash`, `tokenize`, or `{partial: {keepFirst, keepLast}}`.", rules: [.hashWithoutKey]),
    ])

    static let maskingMatch = Section(path: "masking.rules[].match", doc: "Glob patterns (`*`, `?`); every present key must match.", fields: [
        FieldDefinition(name: "object", type: .string(pattern: nil), doc: "Object type, e.g. `externalContact`."),
        FieldDefinition(name: "field", type: .string(pattern: nil), doc: "Field name, e.g. `cellPhone` or `*Email`."),
        FieldDefinition(name: "dataTable", type: .string(pattern: nil), doc: "Architect data table name."),
        FieldDefinition(name: "column", type: .string(pattern: nil), doc: "Data table column."),
    ], minProperties: 1)

    static let maskingActionObject = Section(path: "masking.rules[].action", doc: "An action with parameters.", fields: [
        FieldDefinition(name: "partial", type: .section(partialAction), required: true, doc: "Keep the first and/or last characters, mask the rest."),
    ])

    static let partialAction = Section(path: "masking.rules[].action.partial", doc: "Partial masking.", fields: [
        FieldDefinition(name: "keepFirst", type: .integer(min: 0, max: 64), defaultValue: .int(0), doc: "Characters kept at the start."),
        FieldDefinition(name: "keepLast", type: .integer(min: 0, max: 64), defaultValue: .int(0), doc: "Characters kept at the end.", rules: [.emptyMaskingRule]),
    ])

    static let gates = Section(path: "gates", doc: "Post-refresh checks; a failing gate fails the run.", fields: [
        FieldDefinition(name: "validateFlows", type: .section(validateFlows), doc: "Architect flow validation (guide section 3)."),
        FieldDefinition(name: "piiScan", type: .section(piiScan), doc: "Scan the sandbox's customer data for unmasked PII.", rules: [.customerDataNeedsPiiScan]),
        FieldDefinition(name: "trunkIsolation", type: .oneOf([.boolean, .section(trunkIsolation)]), defaultDescription: "true when scope is ALL, else false", doc: "Check that copied trunks cannot register with production's carrier: `true`, `false`, or a mapping (which turns the gate on) naming where registrations are read.", rules: [.trunkIsolationDisabled]),
        FieldDefinition(name: "isolation", type: .section(isolation), doc: "After hardening, read the sandbox back and fail (exit 7) when an integration config property or a data action's URL template names a host outside `allowedHosts`, or a campaign runs or a trigger is enabled that no `harden` allow glob covers (docs/hardening.md)."),
    ])

    static let trunkIsolation = Section(path: "gates.trunkIsolation", doc: "The trunk isolation gate after an `ALL` refresh. A sandbox trunk that is `enabled` with `registersEnabledStatus: ENABLED` must not register with an identity production's trunk base settings use; the identity is read from the trunk base settings' `properties`, whose name the Genesys API reference does not give.", fields: [
        FieldDefinition(name: "registrationProperties", type: .list(.string(pattern: "^[A-Za-z0-9_.-]{1,128}$"), minItems: 1), defaultValue: .array(TrunkIsolationGate.defaultRegistrationProperties.map(SchemaJSON.string)), doc: "Trunk base settings properties that hold a trunk's carrier registration (a `{value: {instance, default}}` setting or a plain value). A registering trunk whose base has none of them fails the gate rather than passing unchecked.", rules: [.duplicateEntry, .settingHasNoEffect]),
    ])

    static let validateFlows = Section(path: "gates.validateFlows", doc: "Flow validation after the refresh: the guide's `POST /api/v2/architect/flows/validate` (default), or the platform's asynchronous validation jobs.", fields: [
        FieldDefinition(name: "flows", type: .oneOf([.choice(["all"]), .list(.string(pattern: nil), minItems: 1)]), defaultValue: .string("all"), doc: "`all` or a list of flow names.", rules: [.duplicateEntry]),
        FieldDefinition(name: "validateReferences", type: .boolean, defaultValue: .bool(true), doc: "Also check references to queues, skills and other objects.", rules: [.expansionNeverTriggers]),
        FieldDefinition(name: "failOn", type: .choice(ValidationSeverity.allCases.map(\.rawValue)), defaultValue: .string("ERROR"), doc: "Lowest validation severity that fails the gate."),
        FieldDefinition(name: "batchSize", type: .integer(min: 1, max: 1000), defaultValue: .int(100), doc: "Flow ids per validation request."),
        FieldDefinition(name: "sourceRepository", type: .string(pattern: nil), doc: "Git repository holding the flows, to name the commit behind each failure."),
        FieldDefinition(name: "method", type: .choice(ValidationMethod.allCases.map(\.rawValue)), defaultValue: .string(ValidationMethod.architectValidate.rawValue), doc: "`architect-validate`: the guide's `POST /api/v2/architect/flows/validate`, one answer per batch. `validate-jobs`: the platform's `POST /api/v2/flows/validate/jobs` per batch, then `GET /api/v2/flows/validate/jobs/{jobId}?expand=messages` until Success or Failure (its messages are free text; missing routing references are recognised by their `[queue]`/`[skill]` tag)."),
        FieldDefinition(name: "jobTimeout", type: .duration(min: .seconds(30), max: .seconds(3600)), defaultValue: .string("10m"), doc: "With `validate-jobs`: how long one validation job may run before the gate fails.", rules: [.settingHasNoEffect]),
    ])

    static let piiScan = Section(path: "gates.piiScan", doc: "Compliance scan of copied customer data.", fields: [
        FieldDefinition(name: "sources", type: .list(.choice(PiiSource.allCases.map(\.rawValue)), minItems: 1), defaultValue: .array([.string("externalContacts"), .string("dataTables")]), doc: "Where to look.", rules: [.duplicateEntry]),
        FieldDefinition(name: "detectors", type: .list(.string(pattern: nil), minItems: 1), defaultValue: .array([.string("creditCard"), .string("ssn")]), doc: "`creditCard`, `ssn`, or names defined under `patterns`.", rules: [.unknownDetector, .duplicateEntry]),
        FieldDefinition(name: "patterns", type: .list(.section(customPattern), minItems: 0), defaultValue: .array([]), doc: "User-defined detectors.", rules: [.invalidRegex]),
        FieldDefinition(name: "failOn", type: .oneOf([.choice(["any"]), .integer(min: 1, max: 1_000_000)]), defaultValue: .string("any"), doc: "`any` finding, or a minimum number of findings."),
    ])

    static let customPattern = Section(path: "gates.piiScan.patterns[]", doc: "A custom detector.", fields: [
        FieldDefinition(name: "name", type: .identifier(pattern: patternNamePattern), required: true, doc: "Name used in `detectors`."),
        FieldDefinition(name: "regex", type: .string(pattern: nil), required: true, doc: "Regular expression (Swift Regex syntax).", rules: [.invalidRegex]),
    ])

    static let scopeExpansionRule = Section(path: "scopeExpansion[]", doc: "A bounded retry with a wider scope.", fields: [
        FieldDefinition(name: "when", type: .choice(ExpansionTrigger.allCases.map(\.rawValue)), required: true, doc: "`missing-routing-reference` (flow validation found missing routing objects) or `drift` (dependency scan).", rules: [.duplicateExpansionTrigger, .expansionNeverTriggers]),
        FieldDefinition(name: "add", type: .list(.choice(Domain.dependencyOrder.map(\.rawValue)), minItems: 1), required: true, doc: "Domains added to the scope.", rules: [.expansionAlreadyInScope, .customerDataNeedsMasking]),
        FieldDefinition(name: "maxTimes", type: .integer(min: 1, max: 3), defaultValue: .int(1), doc: "How many times this expansion may run."),
    ])

    /// Every section, for docs and for consistency tests.
    static var all: [Section] {
        [root, production, sandbox, credentials, organization, refresh, polling, circuitBreaker, retry, lock, dependencyScan,
         masking, maskingRule, maskingMatch, maskingActionObject, partialAction, gates, validateFlows, piiScan, trunkIsolation,
         customPattern, scopeExpansionRule, artifacts, notify, notifyTarget, onFailure, schedule, network]
    }
}
