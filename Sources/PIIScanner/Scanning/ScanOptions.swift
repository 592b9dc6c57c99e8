/// What to look for and how hard to work.
public struct ScanOptions: Sendable {
    public var cards: Bool
    public var ssns: Bool
    public var patterns: CustomPatternSet
    /// Bytes read per chunk; memory use is about this much per worker, whatever the input size.
    public var chunkSize: Int
    /// Workers for one large file (2 uses both cores of a CI runner); 1 keeps to one core.
    public var jobs: Int
    /// Files smaller than this are scanned by one worker: splitting costs more than it saves.
    public var parallelThreshold: Int
    /// Findings listed with their position per file (or per API source); the rest are counted.
    public var detailLimit: Int = ScanReport.defaultDetailLimit

    public init(cards: Bool = true, ssns: Bool = true, patterns: CustomPatternSet = CustomPatternSet(), chunkSize: Int = 1 << 20, jobs: Int = 1, parallelThreshold: Int = 32 << 20) {
        self.cards = cards
        self.ssns = ssns
        self.patterns = patterns
        self.chunkSize = max(1, chunkSize)
        self.jobs = max(1, jobs)
        self.parallelThreshold = parallelThreshold
    }

    /// Options from detector names (`creditCard`, `ssn`, or names of `patterns`); an unknown
    /// name throws so that a typo never silently disables a check.
    public init(detectors: [String], patterns: CustomPatternSet = CustomPatternSet()) throws(ScanError) {
        self.init(cards: false, ssns: false, patterns: CustomPatternSet())
        var kept: [CustomPatternSet.Pattern] = []
        for name in detectors {
            switch PIIDetector(builtInName: name) {
            case .creditCard?: cards = true
            case .ssn?: ssns = true
            default:
                guard let pattern = patterns.patterns.first(where: { $0.name == name }) else {
                    throw ScanError.unknownDetector(name)
                }
                kept.append(pattern)
            }
        }
        self.patterns = CustomPatternSet(compiled: kept)
    }

    var digitScanner: DigitScanner { DigitScanner(cards: cards, ssns: ssns) }

    /// A copy that keeps at most `limit` findings with positions per file.
    public func limitingDetail(to limit: Int) -> ScanOptions {
        var copy = self
        copy.detailLimit = max(0, limit)
        return copy
    }
}

public enum ScanError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownDetector(String)
    case invalidPattern(name: String, reason: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownDetector(let name): return "unknown detector '\(name)' (built in: creditCard, ssn; or the name of a custom pattern)"
        case .invalidPattern(let name, let reason): return "pattern '\(name)' is not a valid regular expression: \(reason)"
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        }
    }
}
