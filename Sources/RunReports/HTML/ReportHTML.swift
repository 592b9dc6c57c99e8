import Foundation

/// The pieces `report.html` and `history --html` share: escaping, the page shell, tables and
/// number formats. Pages are well-formed XHTML-style markup (every tag closed, only the five
/// XML entities) so that an XML parser can check them, and self-contained: styles inline, no
/// script, font, image or remote URL, because the page is opened from a downloaded CI artifact
/// and must not call anywhere.
public enum ReportHTML {
    /// Text and attribute escaping for everything that came from a plan, the platform or git.
    /// Control characters XML cannot carry are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The document around `body` (already markup). `title` is text.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        <main class="wrap">
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A table that scrolls sideways on a narrow screen instead of widening the page. Header
    /// texts are escaped; cells are markup (callers escape what they put in).
    static func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        func cell(_ tag: String, _ index: Int, _ content: String) -> String {
            numeric.contains(index) ? "<\(tag) class=\"num\">\(content)</\(tag)>" : "<\(tag)>\(content)</\(tag)>"
        }
        let head = headers.enumerated().map { cell("th", $0.offset, escape($0.element)) }.joined()
        let body = rows.map { "<tr>" + $0.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>" }.joined(separator: "\n")
        return "<div class=\"scroll\"><table>\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(body)\n</tbody>\n</table></div>"
    }

    static func section(_ title: String, id: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(escape(title))</h2>\n\(content)\n</section>"
    }

    /// `outcome` as a badge; the class picks the colour (success, interruption, failure).
    static func badge(_ outcome: String) -> String {
        "<span class=\"badge \(outcomeClass(outcome))\">\(escape(outcome))</span>"
    }

    static func outcomeClass(_ outcome: String) -> String {
        switch outcome {
        case "success", "passed": return "ok"
        case "interrupted", "terminated", "unfinished", "already-running": return "warn"
        default: return "fail"
        }
    }

    /// `42 s`, `3 min 5 s`, `2 h 4 min`: what a reader wants from a step or a run.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min \(total % 60) s" }
        return "\(total / 3600) h \(total % 3600 / 60) min"
    }

    static func code(_ text: String) -> String { "<code>\(escape(text))</code>" }

    /// ISO-8601 in UTC, seconds precision: the journal's and the artifacts' own form.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
