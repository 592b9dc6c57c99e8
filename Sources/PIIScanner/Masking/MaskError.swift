/// Why an export could not be masked. Messages name the file and position, never a value.
public struct MaskError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    static func syntax(_ path: String, line: Int, column: Int, _ what: String) -> MaskError {
        MaskError("\(path):\(line):\(column): \(what)")
    }
}
