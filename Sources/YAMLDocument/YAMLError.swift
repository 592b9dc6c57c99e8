/// Why a YAML text could not become a document, and where.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case syntax
        case duplicateKey
        case tooLarge
        case tooDeep
        case tooManyAliases
        case tooManyNodes
        case unknownTag
        case multipleDocuments
        case emptyDocument
        case invalidEncoding
        case complexKey
    }

    public var kind: Kind
    public var message: String
    public var mark: SourceMark
    /// A second position the message refers to (the first occurrence of a duplicate key).
    public var relatedMark: SourceMark?

    public init(_ kind: Kind, _ message: String, at mark: SourceMark, related: SourceMark? = nil) {
        self.kind = kind
        self.message = message
        self.mark = mark
        self.relatedMark = related
    }

    public var description: String { "\(mark): \(message)" }
}
