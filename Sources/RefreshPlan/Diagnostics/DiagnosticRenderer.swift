import Foundation

/// Prints diagnostics the way rustc does: a header with file:line:col, the source line, a caret
/// under the offending text, then `= help:` and `= note:` lines.
public enum DiagnosticRenderer {
    public static func render(_ diagnostics: [Diagnostic], sources: [SourceFile], color: Bool) -> String {
        let files = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return diagnostics.map { render($0, source: files[$0.file], color: color) }.joined(separator: "\n")
    }

    public static func render(_ diagnostic: Diagnostic, source: SourceFile?, color: Bool) -> String {
        // One string built in place: a fleet-wide run renders thousands of findings, and the
        // array of lines joined at the end was a tenth of its cost.
        let style = Style(enabled: color)
        let mark = diagnostic.mark
        let lineNumber = mark?.line ?? 1
        let number = String(lineNumber)
        let file = PrintableText.escaped(diagnostic.file), message = PrintableText.escaped(diagnostic.message)
        var out = ""
        out.reserveCapacity(160 + file.utf8.count + message.utf8.count + (diagnostic.help?.utf8.count ?? 0))
        out += style.bold(file + ":" + number + ":" + String(mark?.column ?? 1) + ":")
        out += " "
        out += style.severity(diagnostic.severity, diagnostic.severity.rawValue + "[" + diagnostic.code + "]")
        out += style.bold(": " + message)
        out += "\n"

        let gutterWidth = number.utf8.count
        if let mark, let source, let text = line(lineNumber, of: source) {
            let shown = PrintableText.sourceLine(masked(text, line: lineNumber, spans: source.sensitiveSpans))
            let skipped = max(0, mark.column - 1)
            var prefix = ""
            var scalarCount = 0
            for scalar in shown.unicodeScalars {
                if scalarCount < skipped { prefix += scalar == "\t" ? "\t" : " " }
                scalarCount += 1
            }
            let available = max(1, scalarCount - skipped)
            appendBlankGutter(to: &out, width: gutterWidth, style: style)
            out += "\n"
            out += style.gutter(number + " |")
            out += " "
            out += shown
            out += "\n"
            appendBlankGutter(to: &out, width: gutterWidth, style: style)
            out += " "
            out += prefix
            out += style.severity(diagnostic.severity, String(repeating: "^", count: min(diagnostic.length, available)))
            out += "\n"
        }
        if let help = diagnostic.help { appendFootnote(to: &out, "help", PrintableText.escaped(help), width: gutterWidth, style: style) }
        for note in diagnostic.notes { appendFootnote(to: &out, "note", PrintableText.escaped(note), width: gutterWidth, style: style) }
        return out
    }

    private static func appendBlankGutter(to out: inout String, width: Int, style: Style) {
        for _ in 0...width { out += " " }
        out += style.gutter("|")
    }

    private static func appendFootnote(to out: inout String, _ label: String, _ text: String, width: Int, style: Style) {
        for _ in 0...width { out += " " }
        out += style.gutter("=")
        out += " "
        out += style.bold(label)
        out += ": "
        out += text
        out += "\n"
    }

    /// "2 errors, 1 warning" (or "no problems"), for the caller's summary line.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        summary(errors: diagnostics.filter { $0.severity == .error }.count, warnings: diagnostics.filter { $0.severity == .warning }.count,
                notes: diagnostics.filter { $0.severity == .note }.count)
    }

    public static func summary(errors: Int, warnings: Int, notes: Int) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts: [String] = []
        if errors > 0 { parts.append(count(errors, "error")) }
        if warnings > 0 { parts.append(count(warnings, "warning")) }
        if notes > 0 { parts.append(count(notes, "note")) }
        return parts.isEmpty ? "no problems" : parts.joined(separator: ", ")
    }

    /// A JSON array of diagnostics with sorted keys; positions are 1-based `line` and `column`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(diagnostics) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Line `number` of the source, with lines broken where libyaml breaks them (LF, CRLF, a
    /// lone CR, NEL, LS, PS), so that it is the line a mark points to and the line whose
    /// sensitive spans get masked.
    static func line(_ number: Int, of source: SourceFile) -> String? {
        guard number >= 1 else { return nil }
        // Scanned as UTF-8 (NEL is C2 85, LS and PS are E2 80 A8/A9): several times faster
        // than walking unicode scalars, and every diagnostic of a fleet-wide run comes here.
        let utf8 = source.text.utf8
        var current = 1
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            var breakLength = 0
            switch byte {
            case 0x0A, 0x0D: breakLength = 1
            case 0xC2:
                let next = utf8.index(after: index)
                if next < utf8.endIndex, utf8[next] == 0x85 { breakLength = 2 }
            case 0xE2:
                let second = utf8.index(after: index)
                if second < utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third < utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 { breakLength = 3 }
                }
            default: break
            }
            guard breakLength > 0 else {
                index = utf8.index(after: index)
                continue
            }
            if current == number { break }
            current += 1
            index = utf8.index(index, offsetBy: breakLength)
            if byte == 0x0D, index < utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            start = index
        }
        guard current == number else { return nil }
        let text = String(source.text[start..<index])
        // Quoting megabytes of one line helps nobody.
        return text.utf8.count > 200 && text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// Replaces literal secrets with asterisks, keeping columns so carets still line up.
    static func masked(_ text: String, line: Int, spans: [SourceSpan]) -> String {
        let relevant = spans.filter { $0.line == line }
        guard !relevant.isEmpty else { return text }
        var scalars = Array(text.unicodeScalars)
        for span in relevant {
            let start = max(0, span.column - 1)
            let end = min(scalars.count, span.length > scalars.count ? scalars.count : start + span.length)
            if start < end { for i in start..<end { scalars[i] = "*" } }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    private struct Style {
        let enabled: Bool
        func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func bold(_ text: String) -> String { wrap("1", text) }
        func gutter(_ text: String) -> String { wrap("1;34", text) }
        func severity(_ severity: Severity, _ text: String) -> String {
            switch severity {
            case .error: return wrap("1;31", text)
            case .warning: return wrap("1;33", text)
            case .note: return wrap("1;36", text)
            }
        }
    }
}
