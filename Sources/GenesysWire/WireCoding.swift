import Foundation

/// The JSON conventions of the Platform API: camelCase keys as declared, ISO-8601 dates with
/// milliseconds carried as strings, unknown fields ignored on decode.
public enum WireCoding {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static let decoder = JSONDecoder()

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> Data {
        // Encoding our own Codable value types cannot fail.
        (try? encoder(pretty: pretty).encode(value)) ?? Data("{}".utf8)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }

    /// `2024-05-15T08:30:00.000Z`
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func date(from timestamp: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp) { return date }
        return try? Date.ISO8601FormatStyle().parse(timestamp)
    }
}
