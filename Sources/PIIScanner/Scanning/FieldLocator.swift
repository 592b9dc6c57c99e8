/// Names the field a finding sits in, from the bytes around it: the nearest preceding
/// `"key":` in JSON, the column under the header in CSV. Called once per finding, so it can
/// afford to walk backwards; it never looks before the start of the finding's line.
struct FieldLocator: Sendable {
    var format: ExportFormat
    /// CSV header columns (first line of the file).
    var header: [String]
    static let maxLookback = 4096

    func field(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int?, position: Int) -> String? {
        switch format {
        case .json, .ndjson:
            return jsonKey(bytes, floor: max(lineStart ?? 0, position - Self.maxLookback), position: position)
        case .csv:
            guard let lineStart else { return nil }
            let index = Self.columnIndex(bytes, from: lineStart, to: position)
            return index < header.count ? header[index] : "column \(index + 1)"
        case .text:
            return nil
        }
    }

    private func jsonKey(_ bytes: UnsafeBufferPointer<UInt8>, floor: Int, position: Int) -> String? {
        let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":")
        var i = position - 1
        while i > floor {
            if bytes[i] == colon {
                var q = i - 1
                while q > floor, bytes[q] == 0x20 { q -= 1 }
                if bytes[q] == quote {
                    var s = q - 1
                    while s >= floor, !(bytes[s] == quote && (s == 0 || bytes[s - 1] != 0x5C)) { s -= 1 }
                    if s >= floor, q - s - 1 <= 128 { return String(decoding: UnsafeBufferPointer(rebasing: bytes[(s + 1)..<q]), as: UTF8.self) }
                    return nil
                }
            }
            i -= 1
        }
        return nil
    }

    /// Commas outside double quotes between the line start and the finding.
    static func columnIndex(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var index = 0
        var quoted = false
        for i in from..<to {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: ","), !quoted { index += 1 }
        }
        return index
    }

    /// Splits a CSV header line into column names (quotes removed).
    static func parseHeader(_ line: [UInt8]) -> [String] {
        var columns: [String] = []
        var current: [UInt8] = []
        var quoted = false
        for byte in line where byte != 0x0D {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if byte == UInt8(ascii: ","), !quoted {
                columns.append(String(decoding: current, as: UTF8.self))
                current = []
            } else {
                current.append(byte)
            }
        }
        columns.append(String(decoding: current, as: UTF8.self))
        return columns
    }
}
