/// `*` and `?` wildcards over object names, case-insensitive, for `protection.exempt` and
/// `preserve` (a developer's `DEV-*` flows). An optional `kind:` prefix limits a glob to a kind.
public struct NameGlob: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: ImpactKind?
    public var pattern: String

    public init(kind: ImpactKind? = nil, pattern: String) {
        self.kind = kind
        self.pattern = pattern
    }

    /// `flow:DEV-*` or `DEV-*`; nil when the prefix looks like a kind but names none
    /// (`flows:DEV-*`), so the plan's diagnostic can suggest the right one.
    public init?(parsing text: String) {
        if let colon = text.firstIndex(of: ":") {
            let prefix = String(text[..<colon])
            if let kind = ImpactKind(rawValue: prefix) {
                self.init(kind: kind, pattern: String(text[text.index(after: colon)...]))
                return
            }
            if !prefix.isEmpty, prefix.allSatisfy({ $0.isASCII && $0.isLetter }), prefix.first?.isLowercase == true { return nil }
        }
        self.init(pattern: text)
    }

    public var description: String { kind.map { "\($0.rawValue):\(pattern)" } ?? pattern }

    public func matches(kind: ImpactKind, name: String) -> Bool {
        if let own = self.kind, own != kind { return false }
        return Self.matches(pattern, name)
    }

    /// Whatever the kind: for globs of kinds the impact does not compare (campaigns, hosts).
    public func matches(name: String) -> Bool { Self.matches(pattern, name) }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.lowercased()), t = Array(text.lowercased())
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
