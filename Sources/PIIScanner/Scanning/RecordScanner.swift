/// Scans the string fields of API records (external contacts, data-table rows): what the
/// `piiScan` gate and tests use. Offsets are UTF-8 byte offsets within the field value.
/// Field names are dotted paths (`workPhone.e164`), and the same context rules as for files
/// apply: a card-shaped number under a field that names a phone is a phone number.
public struct RecordScanner: Sendable {
    public var options: ScanOptions
    public var factory: FindingFactory

    public init(options: ScanOptions = ScanOptions(), factory: FindingFactory = FindingFactory()) {
        self.options = options
        self.factory = factory
    }

    public func scan(source: String, record: String?, fields: [(name: String, value: String)]) -> [Finding] {
        fields.flatMap { scan(source: source, record: record, field: $0.name, value: $0.value) }
    }

    public func scan(source: String, record: String?, field: String?, value: String) -> [Finding] {
        let bytes = Array(value.utf8)
        let phone = PhoneContext.namesPhone(field)
        var findings: [Finding] = bytes.withUnsafeBufferPointer { buffer in
            options.digitScanner.matches(in: buffer).filter { !(phone && $0.detector == .creditCard) }.map { match in
                factory.finding(match.detector, value: buffer[match.range], source: source, record: record, field: field, offset: match.start, line: nil)
            }
        }
        let custom = options.patterns.matches(in: value)
        guard !custom.isEmpty else { return findings }
        findings += custom.map { match in
            factory.finding(match.detector, value: bytes[match.range], source: source, record: record, field: field, offset: match.range.lowerBound, line: nil)
        }
        return OverlapResolver.resolve(findings)
    }
}
