/// A SARIF 2.1.0 log: the objects `scan --format sarif` and a run's `gates.sarif` write, so
/// both say the same things the same way. Only what the tool writes is modelled. Optional
/// members left nil are not written (SARIF consumers read an absent member as "not known").
public struct SARIFLog: Sendable, Hashable, Encodable {
    /// Where the 2.1.0 schema is published; code-scanning views look at `$schema` and `version`.
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let version = "2.1.0"

    public var schema: String
    public var version: String
    public var runs: [SARIFRun]

    public init(runs: [SARIFRun]) {
        schema = Self.schema
        version = Self.version
        self.runs = runs
    }

    enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
}

/// One tool's run: its driver and rules, and what it found. `scan` streams its run's parts by
/// hand (memory stays bounded whatever the number of findings), from these same objects.
public struct SARIFRun: Sendable, Hashable, Encodable {
    public var tool: SARIFTool
    public var automationDetails: SARIFAutomationDetails?
    public var columnKind: String?
    public var results: [SARIFResult]
    public var properties: [String: SARIFProperty]?

    public init(tool: SARIFTool, automationDetails: SARIFAutomationDetails? = nil, columnKind: String? = nil, results: [SARIFResult],
                properties: [String: SARIFProperty]? = nil) {
        self.tool = tool
        self.automationDetails = automationDetails
        self.columnKind = columnKind
        self.results = results
        self.properties = properties
    }
}

public struct SARIFTool: Sendable, Hashable, Encodable {
    public var driver: SARIFDriver
    public init(driver: SARIFDriver) { self.driver = driver }
}

/// The tool that ran; `version` is the tool's own (`ToolVersion.current`, what `--version` says).
public struct SARIFDriver: Sendable, Hashable, Encodable {
    public var name: String
    public var version: String
    public var informationUri: String
    public var rules: [SARIFRule]

    public init(name: String, version: String, informationUri: String, rules: [SARIFRule]) {
        self.name = name
        self.version = version
        self.informationUri = informationUri
        self.rules = rules
    }
}

/// A rule results refer to by id and index; every rule the tool writes is an error by default.
public struct SARIFRule: Sendable, Hashable, Encodable {
    public var id: String
    public var name: String
    public var shortDescription: SARIFMessage
    public var helpUri: String
    public var defaultConfiguration: SARIFConfiguration

    public init(id: String, description: String, helpUri: String, level: String = "error") {
        self.id = id
        name = id
        shortDescription = SARIFMessage(text: description)
        self.helpUri = helpUri
        defaultConfiguration = SARIFConfiguration(level: level)
    }
}

public struct SARIFConfiguration: Sendable, Hashable, Encodable {
    public var level: String
    public init(level: String) { self.level = level }
}

public struct SARIFMessage: Sendable, Hashable, Encodable {
    public var text: String
    public init(text: String) { self.text = text }
}

/// Names a run among a tool's runs, so code scanning keeps one category per gate and sandbox.
public struct SARIFAutomationDetails: Sendable, Hashable, Encodable {
    public var id: String
    public init(id: String) { self.id = id }
}

/// A value of a property bag: the tool writes counts and names.
public enum SARIFProperty: Sendable, Hashable, Encodable {
    case int(Int), string(String)

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let value): try c.encode(value)
        case .string(let value): try c.encode(value)
        }
    }
}
