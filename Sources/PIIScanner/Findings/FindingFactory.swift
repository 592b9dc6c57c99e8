import Crypto

/// Turns matched bytes into a `Finding`: computes the masked rendering and the keyed
/// fingerprint, then lets the bytes go. The only place where a raw value meets a finding.
public struct FindingFactory: Sendable {
    public let key: SymmetricKey
    /// HMAC with the key already absorbed: copied per value, so a million findings do not
    /// redo the key setup a million times.
    private let template: HMAC<SHA256>

    /// A fresh random key: fingerprints are comparable within one scan only, so a report
    /// leaked from one run cannot be joined with another's.
    public init() {
        self.init(key: SymmetricKey(size: .bits256))
    }

    /// A fixed key (tests, or a caller that wants fingerprints stable across scans).
    public init(key: SymmetricKey) {
        self.key = key
        template = HMAC<SHA256>(key: key)
    }

    /// A key from a secret (the plan's `masking.hashKey`, `scan --fingerprint-key`), separated
    /// from the masking hashes by a derivation label, so a fingerprint never equals the
    /// `hash` masking output of the same value.
    public init(secret: String) {
        let derived = HMAC<SHA256>.authenticationCode(for: Array("sandbox-refresh scan fingerprint v1".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        self.init(key: SymmetricKey(data: Array(derived)))
    }

    public func finding(_ detector: PIIDetector, value: some Collection<UInt8>, source: String, record: String?, field: String?, offset: Int, line: Int?, column: Int? = nil) -> Finding {
        let normalized = Self.normalize(detector, value)
        return Finding(source: source, record: record, field: field, offset: offset, length: value.count, line: line, column: column,
                       detector: detector, masked: Self.masked(detector, digits: normalized), fingerprint: fingerprint(detector, normalized))
    }

    /// Cards and SSNs are compared by their digits, so `4111 1111…` and `4111-1111…` are one value.
    static func normalize(_ detector: PIIDetector, _ value: some Collection<UInt8>) -> [UInt8] {
        switch detector {
        case .creditCard, .ssn: return value.filter { ByteClass.isDigit($0) }
        case .custom: return Array(value)
        }
    }

    /// PCI DSS allows at most the first six and last four digits of a card; shorter cards show
    /// four and four so that most of the number stays hidden. SSNs and custom patterns show only
    /// their kind.
    static func masked(_ detector: PIIDetector, digits: [UInt8]) -> String {
        switch detector {
        case .creditCard:
            let keepFirst = digits.count >= 16 ? 6 : 4
            let middle = max(digits.count - keepFirst - 4, 0)
            return String(decoding: digits.prefix(keepFirst), as: UTF8.self) + String(repeating: "*", count: middle)
                + String(decoding: digits.suffix(4), as: UTF8.self)
        case .ssn:
            return "***-**-****"
        case .custom(let name):
            return "[\(name)]"
        }
    }

    /// The distinct-value key of a value that is counted but not listed: the same 64 bits that
    /// `DistinctCounter.hash` takes from a listed finding's fingerprint, so both count alike.
    public func distinctKey(_ detector: PIIDetector, value: some Collection<UInt8>) -> UInt64 {
        DistinctCounter.hash(fingerprint(detector, Self.normalize(detector, value)))
    }

    func fingerprint(_ detector: PIIDetector, _ normalized: [UInt8]) -> String {
        var mac = template
        mac.update(data: Array(detector.name.utf8) + [0])
        mac.update(data: normalized)
        return Hex.encode(Array(mac.finalize()).prefix(12))
    }
}

enum Hex {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
