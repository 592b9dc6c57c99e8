/// Bounds on what hostile input may cost. libyaml 0.2.5 has no nesting limit of its own, and
/// aliases can multiply a small file into billions of nodes, so every bound is checked while
/// events arrive, before the cost is paid.
public struct YAMLLimits: Sendable, Hashable {
    public var maxInputBytes: Int
    public var maxDepth: Int
    public var maxAliases: Int
    /// Nodes after alias expansion: an alias to a subtree counts every node of that subtree.
    public var maxExpandedNodes: Int

    public init(maxInputBytes: Int = 1 << 20, maxDepth: Int = 64, maxAliases: Int = 64, maxExpandedNodes: Int = 50_000) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxExpandedNodes = maxExpandedNodes
    }

    /// Suited to refresh plans: a few kilobytes of configuration.
    public static let plans = YAMLLimits()
}
