import GenesysClient
import GenesysWire
import Impact
import PlanGraph

/// Reads both organizations (GET only) and compares them object by object. Listings are read
/// at the largest page size most platform listings accept (100); per-object reads happen only
/// where a listing cannot settle the comparison: a flow whose version records differ (its
/// configuration) and, under ICM, the rows of each table both organizations have.
public struct ImpactReader: Sendable {
    public var production: GenesysClient
    public var sandbox: GenesysClient
    /// Per-object reads in flight at once; they all draw on each client's rate budget.
    public var concurrency: Int

    public init(production: GenesysClient, sandbox: GenesysClient, concurrency: Int = 4) {
        self.production = production
        self.sandbox = sandbox
        self.concurrency = concurrency
    }

    public func read(_ settings: ImpactSettings, sandboxId: String) async throws(APIError) -> ImpactReport {
        var listings = 0, reads = 0
        var productionObjects: [ImpactKind: [ImpactObject]] = [:]
        var sandboxObjects: [ImpactKind: [ImpactObject]] = [:]
        for coverage in settings.coverage where coverage.kind != .dataTableRows {
            let kind = coverage.kind
            let fromProduction = try await list(kind, production, pageSize: settings.pageSize)
            let fromSandbox = try await list(kind, sandbox, pageSize: settings.pageSize)
            listings += fromProduction.pages + fromSandbox.pages
            productionObjects[kind] = fromProduction.objects
            sandboxObjects[kind] = fromSandbox.objects
        }
        // ICM without ARCHITECT still needs the tables whose rows it replaces.
        var productionTables = productionObjects[.dataTable] ?? [], sandboxTables = sandboxObjects[.dataTable] ?? []
        if settings.coverage.contains(where: { $0.kind == .dataTableRows }), productionObjects[.dataTable] == nil {
            let left = try await list(.dataTable, production, pageSize: settings.pageSize), right = try await list(.dataTable, sandbox, pageSize: settings.pageSize)
            listings += left.pages + right.pages
            (productionTables, sandboxTables) = (left.objects, right.objects)
        }
        // Ids inside content are compared by the names they point at, in each organization.
        let comparer = ImpactComparer(productionNormaliser: ContentNormaliser(names: Self.names(productionObjects)),
                                      sandboxNormaliser: ContentNormaliser(names: Self.names(sandboxObjects)))
        var entries: [ImpactEntry] = []
        for coverage in settings.coverage {
            let kind = coverage.kind
            if kind == .dataTableRows {
                let tables = comparer.match(production: productionTables, sandbox: sandboxTables)
                for pair in tables.pairs {
                    let left = try await rows(pair.production.id, production, pageSize: settings.pageSize)
                    let right = try await rows(pair.sandbox.id, sandbox, pageSize: settings.pageSize)
                    reads += left.pages + right.pages
                    let same = Self.rowText(left.rows, comparer.productionNormaliser) == Self.rowText(right.rows, comparer.sandboxNormaliser)
                    let change: ImpactChange = same ? .same : .changed
                    entries.append(entry(kind, pair.sandbox, change, coverage.domain, matchedBy: pair.matchedBy, settings))
                }
                continue
            }
            let matching = comparer.match(production: productionObjects[kind] ?? [], sandbox: sandboxObjects[kind] ?? [])
            for object in matching.added { entries.append(entry(kind, object, .added, coverage.domain, matchedBy: nil, settings)) }
            for object in matching.removed { entries.append(entry(kind, object, .removed, coverage.domain, matchedBy: nil, settings)) }
            var unsettled: [ImpactComparer.Pair] = []
            for pair in matching.pairs {
                if kind == .flow {
                    if comparer.settledByVersion(pair) {
                        entries.append(entry(kind, pair.sandbox, .same, coverage.domain, matchedBy: "version", settings))
                    } else {
                        unsettled.append(pair)
                    }
                } else {
                    let change: ImpactChange = comparer.sameContent(pair) ? .same : .changed
                    entries.append(entry(kind, pair.sandbox, change, coverage.domain, matchedBy: pair.matchedBy, settings))
                }
            }
            let configurations = try await configurations(of: unsettled)
            reads += unsettled.count * 2
            for (pair, contents) in zip(unsettled, configurations) {
                let change: ImpactChange = comparer.sameContent(pair, production: contents.0, sandbox: contents.1) ? .same : .changed
                entries.append(entry(kind, pair.sandbox, change, coverage.domain, matchedBy: "configuration", settings))
            }
        }
        return ImpactReport(sandboxId: sandboxId, scope: settings.widestScope.wireValue, kinds: settings.coverage.map(\.kind), entries: entries,
                            protection: settings.protection.mode, listingRequests: listings, objectReads: reads)
    }

    private func entry(_ kind: ImpactKind, _ object: ImpactObject, _ change: ImpactChange, _ domain: RefreshDomain, matchedBy: String?,
                       _ settings: ImpactSettings) -> ImpactEntry {
        let problem: String?
        switch change {
        case .removed: problem = kind.recreateProblem
        case .changed: problem = kind.overwriteProblem
        case .added, .same: problem = nil
        }
        let exempt = change.isDestructive ? settings.protection.exemption(kind: kind, name: object.name)?.description : nil
        return ImpactEntry(kind: kind, name: object.name, id: object.id, type: object.type, change: change, domain: domain.rawValue,
                           matchedBy: matchedBy, notRestorable: problem, exemptBy: exempt)
    }

    // MARK: reads

    private func list(_ kind: ImpactKind, _ client: GenesysClient, pageSize: Int) async throws(APIError) -> (objects: [ImpactObject], pages: Int) {
        let path = kind.listingPath
        let extra: [APIRequest.QueryItem] = kind == .dataTable ? [.init("expand", "schema")] : []
        let entities = try await client.fetchAll(pages: { page in
            APIRequest(.get, path, query: [.init("pageNumber", String(page)), .init("pageSize", String(pageSize))] + extra, operation: "impact.\(kind.rawValue).list")
        }, as: JSONValue.self)
        return (entities.compactMap { ImpactObject(kind: kind, entity: $0) }, Self.pages(entities.count, pageSize))
    }

    private func rows(_ tableId: String, _ client: GenesysClient, pageSize: Int) async throws(APIError) -> (rows: [JSONValue], pages: Int) {
        let path = "/api/v2/flows/datatables/\(tableId)/rows"
        let rows = try await client.fetchAll(pages: { page in
            APIRequest(.get, path, query: [.init("pageNumber", String(page)), .init("pageSize", String(pageSize)), .init("showbrief", "false")],
                       operation: "impact.dataTableRows.list")
        }, as: JSONValue.self)
        return (rows, Self.pages(rows.count, pageSize))
    }

    /// Both configurations of each pair, `concurrency` pairs at a time, in the pairs' order.
    private func configurations(of pairs: [ImpactComparer.Pair]) async throws(APIError) -> [(JSONValue, JSONValue)] {
        guard !pairs.isEmpty else { return [] }
        let outcome = await withTaskGroup(of: (Int, Result<(JSONValue, JSONValue), APIError>).self) { group -> Result<[Int: (JSONValue, JSONValue)], APIError> in
            var next = 0
            func enqueue() {
                let index = next
                next += 1
                let pair = pairs[index]
                group.addTask {
                    do throws(APIError) {
                        let left = try await self.production.send(Self.configuration(pair.production.id), as: JSONValue.self)
                        let right = try await self.sandbox.send(Self.configuration(pair.sandbox.id), as: JSONValue.self)
                        return (index, .success((left, right)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            while next < pairs.count, next < max(1, concurrency) { enqueue() }
            var results: [Int: (JSONValue, JSONValue)] = [:]
            for await (index, result) in group {
                switch result {
                case .success(let contents):
                    results[index] = contents
                    if next < pairs.count { enqueue() }
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
            }
            return .success(results)
        }
        let results = try outcome.get()
        return pairs.indices.map { results[$0]! }
    }

    static func configuration(_ flowId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/\(flowId)/latestconfiguration", operation: "impact.flow.configuration")
    }

    static func pages(_ count: Int, _ pageSize: Int) -> Int { max(1, (count + pageSize - 1) / max(pageSize, 1)) }

    static func names(_ objects: [ImpactKind: [ImpactObject]]) -> [String: String] {
        var names: [String: String] = [:]
        for (kind, list) in objects {
            for object in list { names[object.id] = "\(kind.rawValue):\(object.name)" }
        }
        return names
    }

    /// A table's rows as one comparable text, order-independent (rows are keyed by `key`).
    static func rowText(_ rows: [JSONValue], _ normaliser: ContentNormaliser) -> String {
        rows.map { ContentNormaliser.canonicalText(normaliser.normalise($0)) }.sorted().joined(separator: "\n")
    }
}
