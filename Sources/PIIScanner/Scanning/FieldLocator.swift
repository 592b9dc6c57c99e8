/// Names the field a finding sits in: the JSON key path (`JSONPath`), or the CSV column under
/// the header. Called once per finding; it never looks further back than `maxLookback`
/// bytes, which the scanner keeps in its buffer, so the answer does not depend on chunking.
struct FieldLocator: Sendable {
    var format: ExportFormat
    /// CSV header columns (first record of the file).
    var header: [String] {
        didSet { phoneColumns = header.map(PhoneContext.namesPhone) }
    }
    /// Which CSV columns name a phone, decided once per file.
    private(set) var phoneColumns: [Bool] = []
    static let maxLookback = 4096

    init(format: ExportFormat, header: [String]) {
        self.format = format
        self.header = header
        phoneColumns = header.map(PhoneContext.namesPhone)
    }

    /// Whether the field at `position` names a phone (then a card-shaped number there is a
    /// phone number). Cheap: no strings are built.
    func namesPhone(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int?, recordStart: Int? = nil, position: Int) -> Bool {
        let floor = max(0, position - Self.maxLookback)
        switch format {
        case .json, .ndjson:
            return JSONPath.namesPhone(bytes, floor: floor, position: position, recordIsLine: format == .ndjson)
        case .csv:
            guard let start = recordStart ?? lineStart, start >= floor else { return false }
            let index = Self.columnIndex(bytes, from: start, to: position)
            return index < phoneColumns.count && phoneColumns[index]
        case .text:
            return false
        }
    }

    /// `lineStart` is the start of the finding's line when known; for CSV, `recordStart` is the
    /// start of its record (a quoted field may span lines).
    func field(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int?, recordStart: Int? = nil, position: Int) -> String? {
        let floor = max(0, position - Self.maxLookback)
        switch format {
        case .json, .ndjson:
            // In NDJSON a record is a line: nothing before it belongs to this record.
            return JSONPath.path(bytes, floor: floor, position: position, recordIsLine: format == .ndjson)
        case .csv:
            guard let start = recordStart ?? lineStart, start >= floor else { return nil }
            let index = Self.columnIndex(bytes, from: start, to: position)
            return index < header.count ? header[index] : "column \(index + 1)"
        case .text:
            return nil
        }
    }

    /// Commas outside double quotes between the record start and the finding.
    static func columnIndex(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var index = 0
        var quoted = false
        for i in from..<to {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: ","), !quoted { index += 1 }
        }
        return index
    }

    /// The CSV column of `position`, in one backward pass: commas outside quotes counted back
    /// to the line break that starts the record. `quotedAtPosition` is the quote parity at
    /// `position`; nil when the record starts beyond the lookback (or before the buffer).
    static func csvColumn(_ bytes: UnsafeBufferPointer<UInt8>, position: Int, quotedAtPosition: Bool, bufferStartsFile: Bool) -> Int? {
        var quoted = quotedAtPosition
        var commas = 0
        var i = position - 1
        let floor = max(0, position - maxLookback)
        while i >= floor {
            switch bytes[i] {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ","): if !quoted { commas += 1 }
            case ByteClass.newline: if !quoted { return commas }
            default: break
            }
            i -= 1
        }
        return floor == 0 && bufferStartsFile ? commas : nil
    }

    /// The name of CSV column `index` (`column N` past the header).
    func csvName(_ index: Int) -> String { index < header.count ? header[index] : "column \(index + 1)" }

    /// Whether CSV column `index` names a phone.
    func csvNamesPhone(_ index: Int) -> Bool { index < phoneColumns.count && phoneColumns[index] }

    /// The start of the CSV record holding `position`: after the last newline before it that
    /// is outside quotes. `quotedAtPosition` is whether `position` is inside a quoted field
    /// (the parity of the quotes before it); nil when no such newline is within the lookback.
    static func recordStart(_ bytes: UnsafeBufferPointer<UInt8>, position: Int, quotedAtPosition: Bool, bufferStartsFile: Bool) -> Int? {
        var quoted = quotedAtPosition
        var i = position - 1
        let floor = max(0, position - maxLookback)
        while i >= floor {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == ByteClass.newline, !quoted {
                return i + 1
            }
            i -= 1
        }
        return floor == 0 && bufferStartsFile ? 0 : nil
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
