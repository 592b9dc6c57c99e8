/// One detection. It carries where the value is and what kind it is, never the value: `masked`
/// shows at most a card's first six and last four digits (only the kind for everything else)
/// and `fingerprint` is a keyed hash, so repeats can be counted without storing anything that
/// could be reversed or matched against a list of real numbers.
public struct Finding: Sendable, Hashable, Codable {
    /// A file path, `externalContacts`, `dataTable:<name>`.
    public var source: String
    /// `line 12` for exports, a contact id or row key for API records.
    public var record: String?
    /// A JSON key or CSV column for exports, a field or column name for API records.
    public var field: String?
    /// UTF-8 byte offset: in the file for exports, in the field value for API records.
    public var offset: Int
    public var length: Int
    /// 1-based line of an export (nil for API records).
    public var line: Int?
    /// 1-based column of an export, in Unicode scalars from the line start (nil for API records).
    public var column: Int?
    public var detector: PIIDetector
    public var masked: String
    /// Hex of HMAC-SHA-256 over the normalized value with the scan's key (truncated to 96 bits).
    public var fingerprint: String

    public init(source: String, record: String?, field: String?, offset: Int, length: Int, line: Int?, column: Int? = nil, detector: PIIDetector, masked: String, fingerprint: String) {
        self.source = source
        self.record = record
        self.field = field
        self.offset = offset
        self.length = length
        self.line = line
        self.column = column
        self.detector = detector
        self.masked = masked
        self.fingerprint = fingerprint
    }

    public var range: Range<Int> { offset..<(offset + length) }

    /// `source:record:field @offset detector masked` for logs and failure messages.
    public var summary: String {
        var place = source
        if let record { place += " \(record)" }
        if let field { place += " \(field)" }
        return "\(place) @\(offset): \(detector.name) \(masked)"
    }
}
