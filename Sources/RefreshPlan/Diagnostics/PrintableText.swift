/// Text from a plan or a file name, made safe to print on one line of a terminal or a CI log.
/// A file named `a\nb.yaml`, or a YAML string holding "\n" or an ANSI escape, must not forge a
/// second diagnostic line or recolour the log.
public enum PrintableText {
    /// Control characters and line separators spelled out (`\n`, `\u{1B}`); an empty text as `''`.
    public static func escaped(_ text: String) -> String {
        guard !text.isEmpty else { return "''" }
        guard hasControl(text, exceptTab: false) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A quoted source line: each control character but tab becomes U+FFFD, one column wide, so
    /// the caret line below still lines up.
    public static func sourceLine(_ text: String) -> String {
        guard hasControl(text, exceptTab: true) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(isControl(scalar) && scalar != "\t" ? "\u{FFFD}" : scalar) }
        return String(result)
    }

    /// `isControl` for any scalar, on the UTF-8 bytes (U+0080–U+009F are C2 80–9F, LS and PS are
    /// E2 80 A8/A9): every finding of a fleet-wide run passes here several times.
    static func hasControl(_ text: String, exceptTab: Bool) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20, !(exceptTab && byte == 0x09) { return true }
            if byte == 0x7F { return true }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return true }
            if beforePrevious == 0xE2, previous == 0x80, byte == 0xA8 || byte == 0xA9 { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
