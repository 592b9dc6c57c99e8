/// The plan's duration syntax: one or more `<integer><unit>` parts with units h, m, s in that
/// order (`15s`, `2m`, `1h30m`). No bare numbers (unit ambiguity), no fractions, no signs.
public enum DurationText {
    public static let pattern = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$"

    public static func parse(_ text: String) -> Duration? {
        guard !text.isEmpty, text.count <= 32 else { return nil }
        var total: Int64 = 0
        var digits = ""
        var lastUnit = 0
        let units: [Character: (rank: Int, seconds: Int64)] = ["h": (1, 3600), "m": (2, 60), "s": (3, 1)]
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character] {
                guard !digits.isEmpty, unit.rank > lastUnit, let value = Int64(digits), value < 1_000_000 else { return nil }
                total += value * unit.seconds
                lastUnit = unit.rank
                digits = ""
            } else {
                return nil
            }
        }
        guard digits.isEmpty, lastUnit > 0 else { return nil }
        return .seconds(total)
    }

    /// The shortest text that parses back to the same whole-second duration ("1h30m", "0s").
    public static func format(_ duration: Duration) -> String {
        var seconds = duration.components.seconds
        guard seconds > 0 else { return "0s" }
        var text = ""
        if seconds >= 3600 { text += "\(seconds / 3600)h"; seconds %= 3600 }
        if seconds >= 60 { text += "\(seconds / 60)m"; seconds %= 60 }
        if seconds > 0 { text += "\(seconds)s" }
        return text
    }
}

/// Stores a `Duration` but encodes it as plan text ("15s") so saved plans and JSON previews
/// read like the YAML they came from.
@propertyWrapper
public struct DurationString: Sendable, Hashable, Codable {
    public var wrappedValue: Duration

    public init(wrappedValue: Duration) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = DurationText.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid duration '\(text)'")
        }
        wrappedValue = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(DurationText.format(wrappedValue))
    }
}
