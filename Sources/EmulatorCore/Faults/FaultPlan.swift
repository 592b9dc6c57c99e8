import Foundation
import GenesysWire

/// Which requests a fault rule looks at. Every field is optional; absent means any.
public struct FaultMatch: Sendable, Hashable, Codable {
    /// Glob over the path (no query): `*` matches within one segment, `**` across segments.
    public var path: String?
    public var method: String?
    /// `production` or a sandbox id: the organization of the request's token (or client).
    public var organization: String?

    public init(path: String? = nil, method: String? = nil, organization: String? = nil) {
        self.path = path
        self.method = method
        self.organization = organization
    }

    func matches(method: String, path: String, organization: String?) -> Bool {
        if let wanted = self.method, wanted.caseInsensitiveCompare(method) != .orderedSame { return false }
        if let wanted = self.organization, wanted != organization { return false }
        if let glob = self.path, !Glob.matches(glob, path) { return false }
        return true
    }
}

/// One declared fault.
public struct FaultRule: Sendable, Hashable, Codable {
    public var name: String?
    public var kind: FaultKind
    public var match: FaultMatch
    /// Chance that an eligible matching request activates the rule (seeded draw).
    public var probability: Double
    /// Matching requests to let through before the rule becomes eligible.
    public var afterRequests: Int
    /// Activations allowed; 0 means unlimited. A burst or run counts as one activation.
    public var times: Int

    public init(name: String? = nil, kind: FaultKind, match: FaultMatch = FaultMatch(), probability: Double = 1, afterRequests: Int = 0, times: Int = 1) {
        self.name = name
        self.kind = kind
        self.match = match
        self.probability = probability
        self.afterRequests = afterRequests
        self.times = times
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        kind = try c.decode(FaultKind.self, forKey: .kind)
        match = try c.decodeIfPresent(FaultMatch.self, forKey: .match) ?? FaultMatch()
        probability = try c.decodeIfPresent(Double.self, forKey: .probability) ?? 1
        afterRequests = try c.decodeIfPresent(Int.self, forKey: .afterRequests) ?? 0
        times = try c.decodeIfPresent(Int.self, forKey: .times) ?? 1
    }
}

/// Faults declared in a file and drawn from a seeded generator, so a failing run replays.
public struct FaultPlan: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var rules: [FaultRule]

    public init(seed: UInt64 = 0, rules: [FaultRule]) {
        self.seed = seed
        self.rules = rules
    }

    public static let none = FaultPlan(rules: [])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        rules = try c.decodeIfPresent([FaultRule].self, forKey: .rules) ?? []
    }

    public static func load(json data: Data) throws -> FaultPlan {
        try WireCoding.decoder.decode(FaultPlan.self, from: data)
    }

    public static func load(contentsOf url: URL) throws -> FaultPlan {
        try load(json: try Data(contentsOf: url))
    }
}

enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.split(separator: "/", omittingEmptySubsequences: true)), Array(path.split(separator: "/", omittingEmptySubsequences: true)))
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = Array(pattern.dropFirst())
            for skip in 0...path.count where match(rest, Array(path.dropFirst(skip))) { return true }
            return false
        }
        guard let segment = path.first, segmentMatches(head, segment) else { return false }
        return match(Array(pattern.dropFirst()), Array(path.dropFirst()))
    }

    /// `*` inside a segment matches any run of characters (`refresh*`).
    private static func segmentMatches(_ pattern: Substring, _ segment: Substring) -> Bool {
        if pattern == "*" { return true }
        guard pattern.contains("*") else { return pattern == segment }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = segment[...]
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return part.isEmpty || rest.hasSuffix(part)
            } else if let range = rest.range(of: part) {
                rest = rest[range.upperBound...]
            } else {
                return false
            }
        }
        return rest.isEmpty
    }
}
