/// One finding: the rule it breaks, where it is, and the fingerprints that let code scanning
/// match it across runs. Never a value: messages and properties say where and what kind.
public struct SARIFResult: Sendable, Hashable, Encodable {
    public var ruleId: String
    public var ruleIndex: Int
    public var level: String
    public var message: SARIFMessage
    public var locations: [SARIFLocation]
    public var partialFingerprints: [String: String]
    public var properties: [String: String]?

    public init(ruleId: String, ruleIndex: Int, level: String, message: String, locations: [SARIFLocation], partialFingerprints: [String: String],
                properties: [String: String]? = nil) {
        self.ruleId = ruleId
        self.ruleIndex = ruleIndex
        self.level = level
        self.message = SARIFMessage(text: message)
        self.locations = locations
        self.partialFingerprints = partialFingerprints
        self.properties = properties
    }
}

/// A file and region (physical), a named thing with no file (logical), or both.
public struct SARIFLocation: Sendable, Hashable, Encodable {
    public var physicalLocation: SARIFPhysicalLocation?
    public var logicalLocations: [SARIFLogicalLocation]?

    public init(physicalLocation: SARIFPhysicalLocation?, logicalLocations: [SARIFLogicalLocation]? = nil) {
        self.physicalLocation = physicalLocation
        self.logicalLocations = logicalLocations
    }
}

public struct SARIFPhysicalLocation: Sendable, Hashable, Encodable {
    public var artifactLocation: SARIFArtifactLocation
    public var region: SARIFRegion?

    public init(uri: String, region: SARIFRegion?) {
        artifactLocation = SARIFArtifactLocation(uri: uri)
        self.region = region
    }
}

public struct SARIFArtifactLocation: Sendable, Hashable, Encodable {
    public var uri: String
    public init(uri: String) { self.uri = uri }
}

/// Lines and columns count from 1, byte offsets from 0. `scan` writes the byte range of every
/// finding and the line and column of those in a file; `gates.sarif` writes lines only.
public struct SARIFRegion: Sendable, Hashable, Encodable {
    public var startLine: Int?
    public var startColumn: Int?
    public var byteOffset: Int?
    public var byteLength: Int?

    public init(startLine: Int?, startColumn: Int? = nil, byteOffset: Int? = nil, byteLength: Int? = nil) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.byteOffset = byteOffset
        self.byteLength = byteLength
    }
}

public struct SARIFLogicalLocation: Sendable, Hashable, Encodable {
    public var name: String
    public var fullyQualifiedName: String
    public var kind: String

    public init(name: String, fullyQualifiedName: String, kind: String) {
        self.name = name
        self.fullyQualifiedName = fullyQualifiedName
        self.kind = kind
    }
}
