import GenesysWire

/// Compares production's and the sandbox's objects of one kind, object by object. Objects
/// match by id where both organizations hold it (a refresh's copies keep production's ids),
/// otherwise by name (and type, for flows; users by email).
public struct ImpactComparer: Sendable {
    public var productionNormaliser: ContentNormaliser
    public var sandboxNormaliser: ContentNormaliser

    public init(productionNormaliser: ContentNormaliser = ContentNormaliser(), sandboxNormaliser: ContentNormaliser = ContentNormaliser()) {
        self.productionNormaliser = productionNormaliser
        self.sandboxNormaliser = sandboxNormaliser
    }

    /// A pair present in both organizations whose listings cannot settle the comparison.
    public struct Pair: Sendable, Hashable {
        public var production: ImpactObject
        public var sandbox: ImpactObject
        public var matchedBy: String

        public init(production: ImpactObject, sandbox: ImpactObject, matchedBy: String) {
            self.production = production
            self.sandbox = sandbox
            self.matchedBy = matchedBy
        }
    }

    public struct Matching: Sendable {
        public var added: [ImpactObject] = []
        public var removed: [ImpactObject] = []
        public var pairs: [Pair] = []
    }

    /// Pairs objects up, production's order first.
    public func match(production: [ImpactObject], sandbox: [ImpactObject]) -> Matching {
        var result = Matching()
        var sandboxById: [String: Int] = [:]
        var sandboxByKey: [String: Int] = [:]
        for (index, object) in sandbox.enumerated() {
            sandboxById[object.id] = sandboxById[object.id] ?? index
            sandboxByKey[object.matchKey] = sandboxByKey[object.matchKey] ?? index
        }
        var taken = Set<Int>()
        var unmatched: [ImpactObject] = []
        // Ids first: a copy keeps production's id, whatever its name became in the sandbox.
        for object in production {
            if let index = sandboxById[object.id], !taken.contains(index) {
                taken.insert(index)
                result.pairs.append(Pair(production: object, sandbox: sandbox[index], matchedBy: "id"))
            } else {
                unmatched.append(object)
            }
        }
        for object in unmatched {
            if let index = sandboxByKey[object.matchKey], !taken.contains(index) {
                taken.insert(index)
                result.pairs.append(Pair(production: object, sandbox: sandbox[index], matchedBy: "name"))
            } else {
                result.added.append(object)
            }
        }
        result.removed = sandbox.indices.filter { !taken.contains($0) }.map { sandbox[$0] }
        return result
    }

    /// Whether the listing's version metadata settles the pair as unchanged (flows only).
    public func settledByVersion(_ pair: Pair) -> Bool {
        guard let hint = pair.production.versionHint else { return false }
        return pair.matchedBy == "id" && hint == pair.sandbox.versionHint
    }

    /// Equal content after normalisation. `production`/`sandbox` default to the listing JSON;
    /// a flow's configurations are passed in when they were read.
    public func sameContent(_ pair: Pair, production: JSONValue? = nil, sandbox: JSONValue? = nil) -> Bool {
        let left = productionNormaliser.normalise(production ?? pair.production.raw)
        let right = sandboxNormaliser.normalise(sandbox ?? pair.sandbox.raw)
        return ContentNormaliser.canonicalText(left) == ContentNormaliser.canonicalText(right)
    }
}
