/// Resolves plain scalars by the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
/// Quoted and block scalars are always strings.
@usableFromInline
enum CoreSchemaResolver {
    @usableFromInline
    static func resolve(_ text: String, style: YAMLScalar.Style) -> YAMLValue {
        guard style == .plain else { return .string(text) }
        // Most plain scalars are words: only these first bytes can start a null, a boolean or
        // a number, so anything else is a string without trying each form.
        if let first = text.utf8.first {
            switch first {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "~"),
                 UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
                break
            default:
                return .string(text)
            }
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let integer = integer(text) { return .int(integer) }
        if isFloat(text), let value = Double(text) { return .float(value) }
        return .string(text)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`. A leading zero stays decimal.
    private static func integer(_ text: String) -> Int? {
        if text.hasPrefix("0o"), text.count > 2 {
            return Int(text.dropFirst(2), radix: 8)
        }
        if text.hasPrefix("0x"), text.count > 2 {
            return Int(text.dropFirst(2), radix: 16)
        }
        var digits = Substring(text).utf8[...]
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var chars = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let c = chars.first, c >= 0x30, c <= 0x39 { chars = chars.dropFirst(); count += 1 }
            return count
        }
        if let c = chars.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { chars = chars.dropFirst() }
        var mantissa = digits()
        if chars.first == UInt8(ascii: ".") {
            chars = chars.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let c = chars.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            chars = chars.dropFirst()
            if let s = chars.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { chars = chars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return chars.isEmpty
    }
}
