/// `docs/plan-reference.md`, generated from the same definitions as the decoder and schema.
public enum PlanReference {
    public static func markdown() -> String {
        var out = """
        # Refresh plan reference

        Generated from the plan language's definitions by `PlanReference.markdown()` (regenerate with
        `REGENERATE_PLAN_SCHEMA=1 swift test --filter SchemaTests`); do not edit by hand. The JSON Schema in
        `schemas/refresh-plan.schema.json` comes from the same table.

        Conventions:

        - **Durations** are `<n>h<n>m<n>s` with whole numbers, units in that order: `15s`, `2m`, `1h30m`, `4h`.
          Bare numbers (`15`), fractions (`1.5h`) and signs are rejected (SR014).
        - **Secrets** are written only as `${env:NAME}` or `${file:PATH}` (a mounted secret; surrounding
          newlines are trimmed). A literal secret is an error (SR019); an unset variable is a warning at
          validation time (SR020) and an error at execution.
        - **YAML 1.2 core schema**: only `true`/`false` are booleans (`yes`, `no`, `on`, `off` are strings),
          `012` is the integer 12, `1:30` is a string. Duplicate keys, unknown tags, multi-document files and
          aliases beyond the safety limits are errors.
        - **`extends: base.yaml`** (relative to the file): mappings merge key by key, lists and scalars replace.
          Cycles are errors (SR012). Diagnostics point to the file each value came from. A base marked
          `abstract: true` may omit required keys; policy rules run on the plans that extend it.
        - **Scope** is sent in the canonical dependency order: \(Domain.dependencyOrder.map(\.rawValue).joined(separator: ", ")).


        """
        out += "## Domains\n\n| Domain | Brings | Breaks if omitted |\n|---|---|---|\n"
        for domain in Domain.dependencyOrder {
            out += "| `\(domain.rawValue)` | \(domain.brings) | \(domain.breaksIfOmitted) |\n"
        }
        for section in PlanSections.all {
            out += "\n## \(section.path.isEmpty ? "Top level" : "`\(section.path)`")\n\n\(section.doc)\n\n"
            if section.minProperties > 0 { out += "At least \(section.minProperties) key must be present.\n\n" }
            out += "| Key | Type | Required | Default | Description | Rules |\n|---|---|---|---|---|---|\n"
            for field in section.fields {
                let defaultText = field.defaultValue.map { "`\($0.docText)`" } ?? field.defaultDescription ?? "—"
                let rules = ([field.rangeRule == .outOfRange ? nil : field.rangeRule] + field.rules.map { Optional($0) })
                    .compactMap { $0 }.map(\.rawValue)
                let unique = rules.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                out += "| `\(field.name)` | \(typeText(field.type)) | \(field.required ? "yes" : "no") | \(defaultText) | \(escape(field.doc)) | \(unique.joined(separator: ", ")) |\n"
            }
        }
        out += "\n## Rule codes\n\n| Code | Severity | Meaning |\n|---|---|---|\n"
        for rule in RuleCode.allCases {
            out += "| \(rule.rawValue) | \(rule.severity.rawValue) | \(escape(rule.meaning)) |\n"
        }
        out += "\n## Regions\n\n| Region | Domain |\n|---|---|\n"
        for entry in Regions.table { out += "| `\(entry.region)` | `\(entry.domain)` |\n" }
        return out
    }

    static func typeText(_ type: FieldType) -> String {
        switch type {
        case .string: return "string"
        case .identifier: return "name (slug)"
        case .boolean: return "boolean"
        case .integer(let min, let max): return "integer" + range(min.map(String.init), max.map(String.init))
        case .number(let min, let max): return "number" + range(min.map { SchemaJSON.double($0).pretty() }, max.map { SchemaJSON.double($0).pretty() })
        case .duration(let min, let max): return "duration" + range(min.map(DurationText.format), max.map(DurationText.format))
        case .choice(let values): return values.map { "`\($0)`" }.joined(separator: " \\| ")
        case .secret(let literal): return literal ? "string or secret" : "secret"
        case .region: return "region or domain"
        case .url: return "URL"
        case .cron: return "cron (5 fields)"
        case .retryCondition: return "`429` \\| `502` \\| `503` \\| `504` \\| `network`"
        case .list(let item, _): return "list of " + typeText(item)
        case .section(let section): return "mapping ([`\(section.path)`](#\(anchor(section.path))))"
        case .oneOf(let types): return types.map(typeText).joined(separator: ", or ")
        }
    }

    private static func range(_ min: String?, _ max: String?) -> String {
        switch (min, max) {
        case let (min?, max?): return min == max ? " = \(min)" : " \(min)–\(max)"
        case let (min?, nil): return " ≥ \(min)"
        case let (nil, max?): return " ≤ \(max)"
        default: return ""
        }
    }

    private static func anchor(_ path: String) -> String {
        path.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    private static func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
