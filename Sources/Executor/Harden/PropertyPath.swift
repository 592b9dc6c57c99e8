import Foundation
import GenesysWire
import Impact
import PlanGraph

/// Dotted paths into an integration config's untyped `properties`, and the hosts its values name.
enum PropertyPath {
    static func value(_ root: JSONValue?, _ path: String) -> JSONValue? {
        var current = root
        for key in path.split(separator: ".") { current = current?[String(key)] }
        return current
    }

    /// Every string in a JSON value, with its dotted path.
    static func strings(_ root: JSONValue?, prefix: String = "") -> [(path: String, text: String)] {
        switch root {
        case .string(let text)?: return [(prefix, text)]
        case .object(let members)?:
            return members.keys.sorted().flatMap { strings(members[$0], prefix: prefix.isEmpty ? $0 : "\(prefix).\($0)") }
        case .array(let items)?:
            return items.enumerated().flatMap { strings($0.element, prefix: "\(prefix)[\($0.offset)]") }
        default: return []
        }
    }

    /// The host a value names: the host of a URL, or the value itself when it looks like a
    /// host name (`crm.prod.example.com`). Templates (`${...}`) name no host of their own.
    static func host(in text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("${") else { return nil }
        if trimmed.contains("://") {
            return URLComponents(string: trimmed.replacingOccurrences(of: "${", with: "").replacingOccurrences(of: "}", with: ""))?.host?.lowercased()
        }
        let hostLike = trimmed.range(of: #"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?$"#, options: .regularExpression) != nil
        guard hostLike, trimmed.contains(where: \.isLetter) else { return nil }
        return String(trimmed.split(separator: ":")[0]).lowercased()
    }

    static func matches(_ globs: [String], _ name: String) -> Bool {
        globs.contains { NameGlob(pattern: $0).matches(name: name) }
    }
}
