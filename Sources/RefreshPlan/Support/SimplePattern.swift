/// The schema's own patterns (`^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$`, `^.{1,200}$`), matched
/// without ICU: anchored, made of literals, `.`, classes, `\S`/`\s`/`\d`, groups with `|`, and the
/// quantifiers `? * + {m} {m,} {m,n}`. Matches exactly as NSRegularExpression does (a property
/// test compares the two on every schema pattern); a pattern outside this subset is not compiled
/// and the caller falls back to NSRegularExpression. ICU was a twentieth of validating a fleet.
struct SimplePattern: Sendable {
    private indirect enum Node: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case set(ScalarSet)
        case group([[Node]])
        case repeated(Node, min: Int, max: Int?)
    }

    private struct ScalarSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var whitespace = false
        var nonWhitespace = false
        var negated = false

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            var found = ranges.contains { $0.contains(scalar.value) }
            if whitespace, SimplePattern.isWhitespace(scalar) { found = true }
            if nonWhitespace, !SimplePattern.isWhitespace(scalar) { found = true }
            return found != negated
        }
    }

    private let alternatives: [[Node]]

    init?(_ pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        // A top-level `|` would split the anchors (`^a|b$`); the schema's patterns never do.
        guard parser.take("^"), let alternatives = parser.alternatives(), alternatives.count == 1, parser.take("$"), parser.atEnd else {
            return nil
        }
        self.alternatives = alternatives
    }

    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        // ICU's `$` (without multiline) also matches before one line terminator ending the input.
        // A final CR LF is one terminator: `$` matches before it, not between its halves.
        var ends = [scalars.count]
        if scalars.count >= 2, scalars[scalars.count - 2] == "\r", scalars[scalars.count - 1] == "\n" {
            ends.append(scalars.count - 2)
        } else if let last = scalars.last, Self.isLineTerminator(last) {
            ends.append(scalars.count - 1)
        }
        return ends.contains { end in
            alternatives.contains { match($0[...], in: scalars[..<end], at: 0) { $0 == end } }
        }
    }

    /// Backtracking: `rest` from `position`, then `then` on where it ended.
    private func match(_ rest: ArraySlice<Node>, in text: ArraySlice<Unicode.Scalar>, at position: Int, then: (Int) -> Bool) -> Bool {
        guard let node = rest.first else { return then(position) }
        let tail = rest.dropFirst()
        switch node {
        case .repeated(let inner, let min, let max):
            return repeatMatch(inner, min: min, max: max, count: 0, in: text, at: position) { match(tail, in: text, at: $0, then: then) }
        default:
            return single(node, in: text, at: position) { match(tail, in: text, at: $0, then: then) }
        }
    }

    private func single(_ node: Node, in text: ArraySlice<Unicode.Scalar>, at position: Int, then: (Int) -> Bool) -> Bool {
        switch node {
        case .scalar(let scalar):
            return position < text.endIndex && text[position] == scalar && then(position + 1)
        case .any:
            return position < text.endIndex && !Self.isLineTerminator(text[position]) && then(position + 1)
        case .set(let set):
            return position < text.endIndex && set.contains(text[position]) && then(position + 1)
        case .group(let alternatives):
            return alternatives.contains { match($0[...], in: text, at: position, then: then) }
        case .repeated(let inner, let min, let max):
            return repeatMatch(inner, min: min, max: max, count: 0, in: text, at: position, then: then)
        }
    }

    /// Greedy, as ICU: as many repetitions as fit, giving back one at a time. A one-character
    /// atom repeats in a loop (`.{1,1024}` must not recurse a thousand frames deep).
    private func repeatMatch(_ node: Node, min: Int, max: Int?, count: Int, in text: ArraySlice<Unicode.Scalar>, at position: Int,
                             then: (Int) -> Bool) -> Bool {
        if let matchesOne = Self.oneScalar(node) {
            var taken = 0
            while max.map({ count + taken < $0 }) ?? true, position + taken < text.endIndex, matchesOne(text[position + taken]) { taken += 1 }
            while count + taken >= min {
                if then(position + taken) { return true }
                if taken == 0 { break }
                taken -= 1
            }
            return false
        }
        if max.map({ count < $0 }) ?? true,
           single(node, in: text, at: position, then: { next in
               // An empty repetition would loop forever; stop it there.
               next != position && repeatMatch(node, min: min, max: max, count: count + 1, in: text, at: next, then: then)
           }) {
            return true
        }
        return count >= min && then(position)
    }

    private static func oneScalar(_ node: Node) -> ((Unicode.Scalar) -> Bool)? {
        switch node {
        case .scalar(let scalar): return { $0 == scalar }
        case .any: return { !isLineTerminator($0) }
        case .set(let set): return { set.contains($0) }
        case .group, .repeated: return nil
        }
    }

    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// ICU's `\s`: the Unicode White_Space property (tab to carriage return, NEL, the Z
    /// categories), which its documentation abbreviates as `[\t\n\f\r\p{Z}]`.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index == scalars.count }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func alternatives() -> [[Node]]? {
            var result: [[Node]] = []
            repeat {
                guard let sequence = sequence() else { return nil }
                result.append(sequence)
            } while take("|")
            return result
        }

        mutating func sequence() -> [Node]? {
            var nodes: [Node] = []
            while index < scalars.count, scalars[index] != "|", scalars[index] != ")" {
                // `$` ends the pattern; anywhere else it is outside the subset.
                if scalars[index] == "$" { return index == scalars.count - 1 ? nodes : nil }
                guard let atom = atom(), let quantified = quantifier(atom) else { return nil }
                nodes.append(quantified)
            }
            return nodes
        }

        mutating func atom() -> Node? {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case ".": return .any
            case "(":
                guard let inner = alternatives(), take(")") else { return nil }
                return .group(inner)
            case "[": return set()
            case "\\": return escape(inClass: false)
            case "^", "*", "+", "?", "{", "}", "]": return nil
            default: return .scalar(scalar)
            }
        }

        mutating func escape(inClass: Bool) -> Node? {
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "S": return .set(ScalarSet(nonWhitespace: true))
            case "s": return .set(ScalarSet(whitespace: true))
            case "d": return .set(ScalarSet(ranges: [0x30...0x39]))
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            default:
                // Escaped punctuation stands for itself; escaped letters and digits have
                // meanings this subset does not implement.
                guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else { return nil }
                return .scalar(scalar)
            }
        }

        mutating func set() -> Node? {
            var set = ScalarSet()
            set.negated = take("^")
            var first = true
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "]", !first {
                    index += 1
                    return .set(set)
                }
                first = false
                guard scalar != "[" else { return nil }
                let low: Unicode.Scalar
                if scalar == "\\" {
                    index += 1
                    switch escape(inClass: true) {
                    case .scalar(let escaped)?: low = escaped
                    case .set(let inner)?:
                        set.whitespace = set.whitespace || inner.whitespace
                        set.nonWhitespace = set.nonWhitespace || inner.nonWhitespace
                        set.ranges += inner.ranges
                        continue
                    default: return nil
                    }
                } else {
                    low = scalar
                    index += 1
                }
                if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                    let high = scalars[index + 1]
                    guard high != "\\", high != "[", low.value <= high.value else { return nil }
                    index += 2
                    set.ranges.append(low.value...high.value)
                } else {
                    set.ranges.append(low.value...low.value)
                }
            }
            return nil
        }

        mutating func quantifier(_ atom: Node) -> Node? {
            guard index < scalars.count else { return atom }
            let result: Node
            switch scalars[index] {
            case "?": index += 1; result = .repeated(atom, min: 0, max: 1)
            case "*": index += 1; result = .repeated(atom, min: 0, max: nil)
            case "+": index += 1; result = .repeated(atom, min: 1, max: nil)
            case "{":
                index += 1
                guard let min = number() else { return nil }
                var max: Int? = min
                if take(",") { max = number() }
                guard take("}"), max.map({ $0 >= min }) ?? true else { return nil }
                result = .repeated(atom, min: min, max: max)
            default: return atom
            }
            // Lazy and possessive forms (`??`, `*+`) and stacked quantifiers are outside the subset.
            if index < scalars.count, ["?", "+", "*", "{"].contains(scalars[index]) { return nil }
            return result
        }

        mutating func number() -> Int? {
            var value: Int?
            while index < scalars.count, let digit = Int(String(scalars[index])), ("0"..."9").contains(scalars[index]) {
                value = (value ?? 0) * 10 + digit
                guard value! < 100_000 else { return nil }
                index += 1
            }
            return value
        }
    }
}
