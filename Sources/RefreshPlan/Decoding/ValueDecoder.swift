import Foundation

/// Typed scalar decoding with range checks taken from the field definition.
struct ValueDecoder {
    let state: DecodeState

    func bool(_ node: PlanNode, _ field: FieldDefinition, _ path: String) -> Bool? {
        guard case .bool(let value)? = node.scalar?.value else {
            state.typeMismatch(node, expected: .boolean, path: path)
            return nil
        }
        return value
    }

    func int(_ node: PlanNode, _ field: FieldDefinition, _ path: String) -> Int? {
        return int(node, type: field.type, field: field, path: path)
    }

    func int(_ node: PlanNode, type: FieldType, field: FieldDefinition, path: String) -> Int? {
        guard case .int(let value)? = node.scalar?.value else {
            state.typeMismatch(node, expected: type, path: path)
            return nil
        }
        if case .integer(let min, let max) = type {
            if let min, value < min { return outOfRange(node, field, path, "must be at least \(min)", found: String(value)) }
            if let max, value > max {
                if min == max { return outOfRange(node, field, path, "must be \(max)", found: String(value)) }
                return outOfRange(node, field, path, "must be at most \(max)", found: String(value))
            }
        }
        return value
    }

    func number(_ node: PlanNode, _ field: FieldDefinition, _ path: String) -> Double? {
        let value: Double
        switch node.scalar?.value {
        case .int(let i)?: value = Double(i)
        case .float(let d)? where d.isFinite: value = d
        default:
            state.typeMismatch(node, expected: field.type, path: path)
            return nil
        }
        if case .number(let min, let max) = field.type {
            let text = node.scalar?.text ?? String(value)
            if let min, value < min { return outOfRange(node, field, path, "must be at least \(SchemaJSON.double(min).pretty())", found: text) }
            if let max, value > max { return outOfRange(node, field, path, "must be at most \(SchemaJSON.double(max).pretty())", found: text) }
        }
        return value
    }

    func duration(_ node: PlanNode, _ field: FieldDefinition, _ path: String) -> Duration? {
        guard let text = node.string else {
            state.typeMismatch(node, expected: field.type, path: path)
            return nil
        }
        guard let value = DurationText.parse(text) else {
            state.fail(path)
            var help = "write <n>h<n>m<n>s with whole numbers, e.g. 15s, 2m, 1h30m"
            if text.contains(".") { help = "fractions are not accepted; write 1h30m instead of 1.5h" }
            if text.hasPrefix("-") { help = "durations cannot be negative" }
            state.sink.add(.invalidDuration, "'\(path)': '\(text.prefix(40))' is not a duration", at: node, help: help)
            return nil
        }
        if case .duration(let min, let max) = field.type {
            if value == .zero, (min ?? .zero) > .zero {
                return outOfRange(node, field, path, "must be longer than zero", found: text)
            }
            if let min, value < min { return outOfRange(node, field, path, "must be at least \(DurationText.format(min))", found: text) }
            if let max, value > max { return outOfRange(node, field, path, "must be at most \(DurationText.format(max))", found: text) }
        }
        return value
    }

    func string(_ node: PlanNode, _ field: FieldDefinition, _ path: String) -> String? {
        string(node, type: field.type, path: path)
    }

    func string(_ node: PlanNode, type: FieldType, path: String) -> String? {
        guard let text = node.string else {
            state.typeMismatch(node, expected: type, path: path)
            return nil
        }
        if text.hasInterpolationMarker {
            state.fail(path)
            state.sink.add(.interpolationOutsideSecret, "'\(path)' is not a secret field; '${...}' would be taken literally", at: node,
                           help: "interpolation is supported in clientId, clientSecret, hashKey and notify webhook URLs")
            return nil
        }
        switch type {
        case .identifier(let pattern), .string(let pattern?):
            if !PatternMatch.matches(text, pattern) {
                state.fail(path)
                if case .identifier = type {
                    state.sink.add(.invalidIdentifier, "'\(path)': '\(text.prefix(80))' is not a valid name", at: node,
                                   help: "use letters, digits and dashes, starting and ending with a letter or digit (pattern \(pattern))")
                } else {
                    state.sink.add(.outOfRange, "'\(path)' does not match \(pattern) (length or characters)", at: node)
                }
                return nil
            }
        default: break
        }
        return text
    }

    func choice(_ node: PlanNode, _ type: FieldType, _ path: String) -> String? {
        guard case .choice(let values) = type else { return nil }
        guard let text = node.string else {
            state.typeMismatch(node, expected: type, path: path)
            return nil
        }
        guard values.contains(text) else {
            state.fail(path)
            let hint = Suggest.phrase(for: text, in: values)
            state.sink.add(.unknownValue, "'\(path)': unknown value '\(text.prefix(80))'\(hint.text)", at: node, suggestion: hint.suggestion,
                           help: "allowed values: \(values.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// Secrets: only `${env:NAME}` / `${file:PATH}`; never a value in a message.
    func secret(_ node: PlanNode, _ field: FieldDefinition, _ path: String) -> SecretValue? {
        guard case .secret(let literalAllowed) = field.type else { return nil }
        guard let text = node.string else {
            if node.scalar != nil, node.scalar?.value != .null { state.markSensitive(node) }
            state.typeMismatch(node, expected: field.type, path: path, sensitive: true)
            return nil
        }
        if let secret = SecretValue.interpolation(text) {
            checkAvailable(secret, node: node, path: path)
            return secret
        }
        if text.hasInterpolationMarker {
            state.markSensitive(node)
            state.fail(path)
            state.sink.add(.invalidInterpolation, "'\(path)' is not a valid interpolation", at: node,
                           help: "write exactly ${env:NAME} (NAME: letters, digits, underscores) or ${file:PATH}, with nothing around it")
            return nil
        }
        if !literalAllowed {
            state.markSensitive(node)
            state.fail(path)
            state.sink.add(.literalSecret, "'\(path)' is a literal secret; secrets must not be written in a plan", at: node,
                           help: "use ${env:NAME} or ${file:PATH} and provide the value from your secrets manager")
            return nil
        }
        return .literal(text)
    }

    private func checkAvailable(_ secret: SecretValue, node: PlanNode, path: String) {
        switch secret.source {
        case .env(let name):
            if (state.environment[name] ?? "").isEmpty {
                state.sink.add(.unsetEnvironment, "environment variable \(name) (for '\(path)') is not set", at: node,
                               notes: ["validation continues; execution fails unless \(name) is set"])
            }
        case .file(let file):
            if !state.secretFileReadable(file) {
                state.sink.add(.unreadableSecretFile, "secret file \(file) (for '\(path)') cannot be read", at: node,
                               notes: ["validation continues; execution fails unless the file is mounted"])
            }
        case .literal: break
        }
    }

    private func outOfRange<T>(_ node: PlanNode, _ field: FieldDefinition, _ path: String, _ requirement: String, found: String) -> T? {
        state.fail(path)
        let reason = field.rangeReason.map { " (\($0))" } ?? ""
        state.sink.add(field.rangeRule, "'\(path)' \(requirement)\(reason); found \(found.prefix(40))", at: node)
        return nil
    }
}
