import GenesysWire

/// Entity listings with the platform's paging: `pageNumber` from 1, `pageSize` 25 by default
/// and at most 500, `nextUri` absent on the last page; a page past the end is empty. The
/// filters of `endpoints.json` that matter to a refresh are honoured (see `ListingFilter`);
/// the rest are accepted and ignored, as the platform ignores what does not apply.
extension EmulatorState {
    static let maxPageSize = 500

    /// Pages straight off the organization's arrays: only the page's entities are copied.
    func list(_ listing: Endpoint.Listing, _ context: RequestContext) -> PendingResponse {
        guard let org = context.organization.flatMap(org) else { return PendingResponse(Reply.notFound(context)) }
        let filter: ListingFilter
        switch ListingFilter.parse(listing, context.queryValues) {
        case .success(let parsed): filter = parsed
        case .failure(let problem): return PendingResponse(Reply.badRequest(context, problem.message, field: problem.field))
        }
        switch listing {
        case .queues: return page(org.queues, context, filter) { filter.matches(id: $0.id, name: $0.name, divisionId: $0.division?.id) }
        case .skills: return page(org.skills, context, filter) { filter.matches(id: $0.id, name: $0.name) }
        case .flows:
            return page(org.flows, context, filter, matches: { filter.matches(id: $0.flow.id, name: $0.flow.name, divisionId: $0.flow.division?.id, type: $0.flow.type) },
                        entity: \.flow)
        case .externalContacts: return page(org.contacts, context, filter) { _ in true }
        case .dataTables:
            let expand = Self.expands(context, "schema")
            return page(org.dataTables, context, filter, matches: { filter.matches(id: $0.id, name: $0.name, divisionId: $0.division?.id) },
                        entity: { Self.shown($0, schema: expand, rows: org.dataTableRows[$0.id] ?? []) })
        case .trunks: return page(org.trunks, context, filter) { filter.matches(id: $0.id, name: $0.name, trunkType: $0.trunkType) }
        case .trunkBaseSettings: return page(org.trunkBases, context, filter) { filter.matches(id: $0.id, name: $0.name) }
        case .users: return page(org.users, context, filter) { filter.matches(id: $0.id, name: $0.name) }
        default: return listSandboxWrites(listing, org, context, filter)
        }
    }

    /// `GET {listing}/{id}`: the entity, or 404 `not.found` naming what was asked for.
    func entity(_ listing: Endpoint.Listing, _ id: String, _ context: RequestContext) -> PendingResponse {
        guard let org = context.organization.flatMap(org) else { return PendingResponse(Reply.notFound(context)) }
        func answer<E: Encodable & Sendable>(_ found: E?, _ kind: String) -> PendingResponse {
            found.map { Reply.deferredJSON($0, context) } ?? PendingResponse(Reply.notFound(context, "\(kind) \(id) not found"))
        }
        switch listing {
        case .queues: return answer(org.queues.first { $0.id == id }, "Queue")
        case .skills: return answer(org.skills.first { $0.id == id }, "Skill")
        case .flows: return answer(org.flows.first { $0.flow.id == id }?.flow, "Flow")
        case .externalContacts: return answer(org.contacts.first { $0.id == id }, "External contact")
        case .dataTables:
            return answer(org.dataTables.first { $0.id == id }.map { Self.shown($0, schema: Self.expands(context, "schema"), rows: org.dataTableRows[id] ?? []) },
                          "Data table")
        case .trunks: return answer(org.trunks.first { $0.id == id }, "Trunk")
        case .trunkBaseSettings: return answer(org.trunkBases.first { $0.id == id }, "Trunk base settings")
        case .users: return PendingResponse(Reply.notFound(context))
        default: return entitySandboxWrites(listing, id, org, context)
        }
    }

    /// `GET /api/v2/organizations/me`.
    func organizationsMe(_ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org) else { return Reply.notFound(context) }
        return Reply.json(OrganizationInfo(id: org.id, name: org.name, thirdPartyOrgName: org.name), context)
    }

    /// `showbrief` defaults to true as on the platform: only each row's key.
    func rows(_ tableId: String, _ context: RequestContext) -> PendingResponse {
        guard let org = context.organization.flatMap(org), org.dataTables.contains(where: { $0.id == tableId }) else {
            return PendingResponse(Reply.notFound(context, "Data table \(tableId) not found"))
        }
        let rows = org.dataTableRows[tableId] ?? []
        let brief = (context.query["showbrief"] ?? "true").lowercased() != "false"
        return page(rows, context, matches: { _ in true }, entity: { row -> JSONValue in .object(brief ? ["key": row["key"] ?? .null] : row) })
    }

    func page<Source: RandomAccessCollection>(_ items: Source, _ context: RequestContext, _ filter: ListingFilter = .none,
                                              matches: (Source.Element) -> Bool) -> PendingResponse
        where Source.Element: Sendable & Hashable & Codable {
        page(items, context, filter, matches: matches, entity: { $0 })
    }

    /// One page of `items` that pass `matches`, each shown as `entity` of it. Without filters the
    /// page is a slice by index; with filters one pass counts the total and keeps only the page.
    func page<Source: RandomAccessCollection, Entity: Sendable & Hashable & Codable>(
        _ items: Source, _ context: RequestContext, _ filter: ListingFilter = .none,
        matches: (Source.Element) -> Bool, entity: (Source.Element) -> Entity
    ) -> PendingResponse {
        guard let size = Self.intQuery(context, "pageSize", default: Endpoint.defaultPageSize) else {
            return PendingResponse(Reply.badRequest(context, "pageSize must be an integer", field: "pageSize"))
        }
        guard let number = Self.intQuery(context, "pageNumber", default: 1) else {
            return PendingResponse(Reply.badRequest(context, "pageNumber must be an integer", field: "pageNumber"))
        }
        guard (1...Self.maxPageSize).contains(size) else {
            return PendingResponse(Reply.badRequest(context, "pageSize must be between 1 and \(Self.maxPageSize)", field: "pageSize"))
        }
        guard number >= 1 else { return PendingResponse(Reply.badRequest(context, "pageNumber must be 1 or greater", field: "pageNumber")) }
        // A page far past the end (up to Int.max) is empty, never an overflow.
        let (offset, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        let first = overflow ? Int.max : offset
        var entities: [Entity] = []
        let total: Int
        if filter.isEmpty {
            total = items.count
            let start = min(first, total)
            let end = min(start + size, total)
            let lower = items.index(items.startIndex, offsetBy: start)
            let upper = items.index(items.startIndex, offsetBy: end)
            entities = items[lower..<upper].map(entity)
        } else {
            var found = 0
            for item in items where matches(item) {
                if found >= first, entities.count < size { entities.append(entity(item)) }
                found += 1
            }
            total = found
        }
        return Reply.deferredJSON(EntityPage(entities: entities, pageSize: size, pageNumber: number, total: total,
                                             path: context.path, filters: filter.queryText), context)
    }

    /// nil when present but not an integer.
    private static func intQuery(_ context: RequestContext, _ name: String, default value: Int) -> Int? {
        guard let text = context.query[name] else { return value }
        return Int(text)
    }
}
