import Foundation

/// Tags every automated refresh's description with the run that submitted it, so ownership of
/// an active job is always decidable (guide section 4: "Tag automated refreshes with a unique
/// pipeline identifier in the description field").
///
/// The tag is the last thing in the description and a run id can never contain the character
/// that ends it (see `RunIdGrammar`), so no id and no plan description can forge another run's tag.
public enum RunTag {
    static let prefix = "[sandbox-refresh run="

    public static func describe(_ description: String, runId: String) -> String {
        // Run ids are validated where they enter (`apply --run-id`, CI variables); `plan` shows a placeholder.
        "\(description) \(prefix)\(runId)]"
    }

    /// The run id a description carries, if it was written by this tool: a well-formed id in
    /// the tag that ends the description.
    public static func runId(in description: String?) -> String? {
        guard let description else { return nil }
        var text = Substring(description)
        while let last = text.last, last == " " || last == "\n" || last == "\t" { text = text.dropLast() }
        guard text.hasSuffix("]"), let start = text.range(of: prefix, options: .backwards) else { return nil }
        let id = String(text[start.upperBound..<text.index(before: text.endIndex)])
        return RunIdGrammar.problem(id, maxLength: RunIdGrammar.maxTagLength) == nil ? id : nil
    }

    /// The tag of a run's scope-expansion job, one per round (`maxTimes` ≤ 3): `<run>-expanded`,
    /// then `<run>-expanded-2`, `-3`.
    public static func expansion(of runId: String, round: Int = 1) -> String {
        round <= 1 ? "\(runId)-expanded" : "\(runId)-expanded-\(round)"
    }

    /// The run a tag belongs to: the tag itself, or the run whose expansion job carries it.
    public static func owningRun(of tag: String) -> String {
        guard let range = tag.range(of: "-expanded", options: .backwards) else { return tag }
        let rest = tag[range.upperBound...]
        guard rest.isEmpty || (rest.count > 1 && rest.first == "-" && rest.dropFirst().allSatisfy(\.isNumber)) else { return tag }
        return String(tag[..<range.lowerBound])
    }

    /// Descriptions that name a CI pipeline run without our tag (the guide's "Pipeline-Run-1234")
    /// still count as automated: they are never "untagged manual" refreshes.
    public static func carriesPipelineIdentifier(_ description: String?) -> Bool {
        guard let description else { return false }
        if runId(in: description) != nil { return true }
        let lowered = description.lowercased()
        return ["pipeline-run-", "pipeline run", "run-id", "run id", "github_run_id", "ci_pipeline_id", "build_buildid"]
            .contains { lowered.contains($0) }
    }
}

/// What a run id may be. It names an artifacts directory, a journal row and the description tag,
/// so it is one path component that cannot climb (`.` or `..`), cannot end a tag (`]`), cannot
/// look like an option (`-x`) and cannot break a log line: 1 to 100 characters from
/// `A-Z a-z 0-9 . _ -`, starting with a letter or digit.
public enum RunIdGrammar {
    public static let maxLength = 100
    /// A tag carries the run id plus what the tool appends to it (`-expanded` for the scope
    /// expansion's job, `-2` for a rerun), so tags are read with some room above `maxLength`.
    public static let maxTagLength = 128
    public static let summary = "1 to \(maxLength) characters from A-Z a-z 0-9 . _ -, starting with a letter or digit"

    /// Nil when `id` is a valid run id; else what is wrong with it (never echoing more than a
    /// short, printable prefix of it).
    public static func problem(_ id: String, maxLength: Int = RunIdGrammar.maxLength) -> String? {
        let bytes = Array(id.utf8)
        guard !bytes.isEmpty else { return "it is empty" }
        guard bytes.count <= maxLength else { return "it is \(bytes.count) characters long (at most \(maxLength))" }
        guard isAlphanumeric(bytes[0]) else { return "it must start with a letter or digit" }
        if let bad = bytes.first(where: { !(isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")) }) {
            let shown = (0x21...0x7E).contains(bad) ? "'\(Character(Unicode.Scalar(bad)))'" : String(format: "byte 0x%02X", bad)
            return "it contains \(shown)"
        }
        return nil
    }

    /// A short printable rendering of a rejected id for error messages.
    public static func quoted(_ id: String) -> String {
        let printable = id.unicodeScalars.prefix(40).map { (0x20...0x7E).contains($0.value) ? String($0) : "?" }.joined()
        return "'\(printable)\(id.unicodeScalars.count > 40 ? "…" : "")'"
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
