import Foundation

extension PlanDecoder {
    func decodeMasking(_ r: SectionReader) -> MaskingPolicy {
        var rules: [MaskingRule] = []
        for (node, path) in r.items("rules") ?? [] {
            guard let rule = SectionReader(node, section: PlanSections.maskingRule, path: path, state: state) else { continue }
            let match = rule.section("match").map { m in
                MaskingMatch(object: m.string("object"), field: m.string("field"), dataTable: m.string("dataTable"), column: m.string("column"))
            }
            let action = rule.value("action").flatMap { decodeMaskingAction($0, path: rule.qualified("action")) }
            if let match, let action { rules.append(MaskingRule(match: match, action: action)) }
        }
        return MaskingPolicy(maskPii: r.bool("maskPii") ?? false, hashKey: r.secret("hashKey"), rules: rules)
    }

    private func decodeMaskingAction(_ node: PlanNode, path: String) -> MaskingAction? {
        let type = PlanSections.maskingRule.field("action")!.type
        if node.scalar != nil {
            switch values.choice(node, .choice(["redact", "hash", "tokenize"]), path) {
            case "redact": return .redact
            case "hash": return .hash
            case "tokenize": return .tokenize
            default: return nil
            }
        }
        guard node.mapping != nil else {
            state.typeMismatch(node, expected: type, path: path)
            return nil
        }
        guard let object = SectionReader(node, section: PlanSections.maskingActionObject, path: path, state: state),
              let partial = object.section("partial") else { return nil }
        let keepFirst = partial.int("keepFirst") ?? 0
        let keepLast = partial.int("keepLast") ?? 0
        if keepFirst == 0, keepLast == 0, !state.failed.contains(partial.qualified("keepFirst")), !state.failed.contains(partial.qualified("keepLast")) {
            state.sink.add(.emptyMaskingRule, "'\(partial.path)' keeps no character; use 'redact' instead", at: partial.node)
            state.fail(partial.path)
        }
        return .partial(keepFirst: keepFirst, keepLast: keepLast)
    }

    func decodeGates(_ r: SectionReader, scope: Scope?) -> Gates {
        let validate = r.section("validateFlows").map { v -> FlowValidationGate in
            let d = FlowValidationGate()
            return FlowValidationGate(
                flows: v.value("flows").flatMap { decodeFlowSelection($0, path: v.qualified("flows")) } ?? d.flows,
                validateReferences: v.bool("validateReferences") ?? d.validateReferences,
                failOn: v.choice("failOn", as: ValidationSeverity.self) ?? d.failOn,
                batchSize: v.int("batchSize") ?? d.batchSize,
                sourceRepository: v.string("sourceRepository"),
                method: v.choice("method", as: ValidationMethod.self) ?? d.method,
                jobTimeout: v.duration("jobTimeout") ?? d.jobTimeout)
        }
        let pii = r.section("piiScan").map(decodePiiScan)
        var trunkIsolation = scope == .all
        var trunkSettings = TrunkIsolationGate()
        if let node = r.value("trunkIsolation") {
            let path = r.qualified("trunkIsolation")
            if node.mapping != nil {
                // The mapping form turns the gate on and says how to read registrations.
                if let t = SectionReader(node, section: PlanSections.trunkIsolation, path: path, state: state) {
                    trunkIsolation = true
                    trunkSettings.registrationProperties = stringList(t, "registrationProperties") ?? trunkSettings.registrationProperties
                }
            } else if case .bool(let flag)? = node.scalar?.value {
                trunkIsolation = flag
            } else {
                state.typeMismatch(node, expected: PlanSections.gates.field("trunkIsolation")!.type, path: path)
            }
        }
        let isolation = r.section("isolation").map { IsolationGate(allowedHosts: stringList($0, "allowedHosts") ?? []) }
        return Gates(validateFlows: validate, piiScan: pii, trunkIsolation: trunkIsolation, trunkIsolationSettings: trunkSettings, isolation: isolation)
    }

    /// A list of strings; duplicates are warned about and dropped. nil when absent or invalid.
    func stringList(_ r: SectionReader, _ name: String) -> [String]? {
        guard let items = r.items(name) else { return nil }
        var itemType = FieldType.string(pattern: nil)
        if case .list(let declared, _) = r.field(name).type { itemType = declared }
        var result: [String] = []
        for (node, path) in items {
            guard let text = values.string(node, type: itemType, path: path) else { continue }
            if result.contains(text) {
                state.sink.add(.duplicateEntry, "'\(text.prefix(80))' is listed twice in '\(r.qualified(name))'", at: node)
            } else {
                result.append(text)
            }
        }
        return result.isEmpty ? nil : result
    }

    private func decodeFlowSelection(_ node: PlanNode, path: String) -> FlowSelection? {
        if node.scalar != nil {
            return values.choice(node, .choice(["all"]), path) == "all" ? .all : nil
        }
        guard let items = node.sequence else {
            state.typeMismatch(node, expected: PlanSections.validateFlows.field("flows")!.type, path: path)
            return nil
        }
        guard !items.isEmpty else {
            state.sink.add(.outOfRange, "'\(path)' lists no flow; use 'all' or name at least one flow", at: node)
            state.fail(path)
            return nil
        }
        var names: [String] = []
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            guard let name = values.string(item, type: .string(pattern: nil), path: "\(path)[\(index)]") else { continue }
            if seen.insert(name).inserted {
                names.append(name)
            } else {
                state.sink.add(.duplicateEntry, "flow '\(name.prefix(80))' is listed twice in '\(path)'", at: item)
            }
        }
        return .named(names)
    }

    private func decodePiiScan(_ r: SectionReader) -> PiiScanGate {
        let d = PiiScanGate()
        var patterns: [CustomPattern] = []
        for (node, path) in r.items("patterns") ?? [] {
            guard let p = SectionReader(node, section: PlanSections.customPattern, path: path, state: state),
                  let name = p.string("name"), let regex = p.string("regex") else { continue }
            if let regexNode = p.value("regex"), (try? Regex(regex)) == nil {
                state.fail(p.qualified("regex"))
                state.sink.add(.invalidRegex, "'\(p.qualified("regex"))' is not a valid regular expression", at: regexNode)
                continue
            }
            patterns.append(CustomPattern(name: name, regex: regex))
        }
        var detectors: [String] = []
        let known = PiiScanGate.builtInDetectors + patterns.map(\.name)
        if let items = r.items("detectors") {
            for (node, path) in items {
                guard let name = values.string(node, type: .string(pattern: nil), path: path) else { continue }
                if detectors.contains(name) {
                    state.sink.add(.duplicateEntry, "detector '\(name.prefix(40))' is listed twice", at: node)
                } else if !known.contains(name), !state.failed.contains(where: { $0.hasPrefix(r.qualified("patterns")) }) {
                    let hint = Suggest.phrase(for: name, in: known)
                    state.fail(path)
                    state.sink.add(.unknownDetector, "'\(path)': unknown detector '\(name.prefix(40))'\(hint.text)", at: node, suggestion: hint.suggestion,
                                   help: "built-in detectors: \(PiiScanGate.builtInDetectors.joined(separator: ", ")); define others under 'patterns'")
                } else {
                    detectors.append(name)
                }
            }
        } else {
            detectors = d.detectors
        }
        let failOn: PiiFailOn? = r.decode("failOn") { node, field, path in
            if case .int = node.scalar?.value {
                return values.int(node, type: .integer(min: 1, max: 1_000_000), field: field, path: path).map { .atLeast($0) }
            }
            return values.choice(node, .choice(["any"]), path) == "any" ? .any : nil
        }
        return PiiScanGate(sources: choiceList(r, "sources", as: PiiSource.self) ?? d.sources, detectors: detectors,
                           patterns: patterns, failOn: failOn ?? .any)
    }

    func decodeExpansion(_ item: (node: PlanNode, path: String)) -> ScopeExpansionRule? {
        guard let r = SectionReader(item.node, section: PlanSections.scopeExpansionRule, path: item.path, state: state) else { return nil }
        guard let when = r.choice("when", as: ExpansionTrigger.self) else {
            _ = choiceList(r, "add", as: Domain.self); _ = r.int("maxTimes")
            return nil
        }
        let add = choiceList(r, "add", as: Domain.self) ?? []
        return ScopeExpansionRule(when: when, add: Scope.of(add).effectiveDomains, maxTimes: r.int("maxTimes") ?? 1)
    }

    func decodeSchedule(_ node: PlanNode, path: String) -> CronSchedule? {
        var expressionNode = node
        var timezone: String?
        if node.mapping != nil {
            guard let r = SectionReader(node, section: PlanSections.schedule, path: path, state: state),
                  let cron = r.value("cron") else { return nil }
            expressionNode = cron
            if let zoneNode = r.value("timezone"), let zone = r.string("timezone") {
                if TimeZone(identifier: zone) == nil {
                    state.fail(r.qualified("timezone"))
                    let known = TimeZone.knownTimeZoneIdentifiers
                    let hint = Suggest.phrase(for: zone, in: known)
                    state.sink.add(.invalidTimezone, "'\(r.qualified("timezone"))': unknown time zone '\(zone.prefix(60))'\(hint.text)", at: zoneNode,
                                   suggestion: hint.suggestion, help: "use an IANA name such as Europe/Dublin or America/New_York")
                    return nil
                }
                timezone = zone
            }
        } else if node.sequence != nil {
            state.typeMismatch(node, expected: PlanSections.root.field("schedule")!.type, path: path)
            return nil
        }
        let cronPath = node.mapping != nil ? "\(path).cron" : path
        guard let expression = values.string(expressionNode, type: .cron, path: cronPath) else { return nil }
        if let error = CronSchedule.problem(in: expression) {
            state.fail(cronPath)
            state.sink.add(.invalidCron, "'\(cronPath)': \(error.message)", at: expressionNode,
                           help: "five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12 or JAN-DEC) day-of-week (0-7 or SUN-SAT), e.g. \"0 2 * * *\"")
            return nil
        }
        return CronSchedule(expression: expression, timezone: timezone)
    }
}
