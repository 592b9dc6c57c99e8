import Foundation
import YAMLDocument

/// World and fault files may be written in YAML; the emulator reads JSON. The conversion goes
/// through the same libyaml document layer as plans (core schema, no unknown tags), with limits
/// sized for generated worlds rather than plans.
public enum YAMLToJSON {
    static let worldLimits = YAMLLimits(maxInputBytes: 512 << 20, maxDepth: 64, maxAliases: 1_000, maxExpandedNodes: 50_000_000)

    public static func data(contentsOf path: String) throws -> Data {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return bytes }
        let root: YAMLNode
        do {
            root = try YAMLParser.parse(bytes: Array(bytes), limits: worldLimits)
        } catch {
            throw ValidationErrorText("\(path):\(error.mark.line):\(error.mark.column): \(error.message)")
        }
        return try JSONSerialization.data(withJSONObject: object(root), options: [.fragmentsAllowed])
    }

    static func object(_ node: YAMLNode) -> Any {
        switch node.content {
        case .mapping(let pairs):
            var dictionary: [String: Any] = [:]
            for pair in pairs { dictionary[pair.key.scalar?.text ?? ""] = object(pair.value) }
            return dictionary
        case .sequence(let items):
            return items.map(object)
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return NSNull()
            case .bool(let value): return value
            case .int(let value): return value
            case .float(let value): return value
            case .string(let value): return value
            }
        }
    }

    public struct ValidationErrorText: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
