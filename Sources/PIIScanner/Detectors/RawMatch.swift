/// A validated built-in detection in a byte buffer, before it becomes a `Finding`.
/// Offsets are byte offsets into the buffer that was scanned.
public struct RawMatch: Sendable, Hashable {
    public var detector: PIIDetector
    public var start: Int
    public var end: Int

    public init(detector: PIIDetector, start: Int, end: Int) {
        self.detector = detector
        self.start = start
        self.end = end
    }

    public var range: Range<Int> { start..<end }
}
