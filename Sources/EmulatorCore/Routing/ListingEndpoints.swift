import GenesysWire

/// Entity listings with the platform's paging: `pageNumber` from 1, `pageSize` 25 by default
/// and at most 500, `nextUri` absent on the last page; a page past the end is empty. The
/// filters of `endpoints.json` that matter to a refresh are honoured (see `ListingFilter`);
/// the rest are accepted and ignored, as the platform ignores what does not apply.
extension EmulatorState {
    static let maxPageSize = 500

    func list(_ listing: Endpoint.Listing, _ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org) else { return Reply.notFound(context) }
        let filter: ListingFilter
        switch ListingFilter.parse(listing, context.queryValues) {
        case .success(let parsed): filter = parsed
        case .failure(let problem): return Reply.badRequest(context, problem.message, field: problem.field)
        }
        switch listing {
        case .queues: return page(org.queues.filter { filter.matches(id: $0.id, name: $0.name, divisionId: $0.division?.id) }, context, filter)
        case .skills: return page(org.skills.filter { filter.matches(id: $0.id, name: $0.name) }, context, filter)
        case .flows:
            let flows = org.flows.map(\.flow).filter { filter.matches(id: $0.id, name: $0.name, divisionId: $0.division?.id, type: $0.type) }
            return page(flows, context, filter)
        case .externalContacts: return page(org.contacts, context, filter)
        case .dataTables: return page(org.dataTables.filter { filter.matches(id: $0.id, name: $0.name, divisionId: $0.division?.id) }, context, filter)
        case .trunks: return page(org.trunks.filter { filter.matches(id: $0.id, name: $0.name, trunkType: $0.trunkType) }, context, filter)
        case .trunkBaseSettings: return page(org.trunkBases.filter { filter.matches(id: $0.id, name: $0.name) }, context, filter)
        case .users: return page(org.users.filter { filter.matches(id: $0.id, name: $0.name) }, context, filter)
        }
    }

    /// `GET {listing}/{id}`: the entity, or 404 `not.found` naming what was asked for.
    func entity(_ listing: Endpoint.Listing, _ id: String, _ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org) else { return Reply.notFound(context) }
        func answer<E: Encodable>(_ found: E?, _ kind: String) -> WireResponse {
            found.map { Reply.json($0, context) } ?? Reply.notFound(context, "\(kind) \(id) not found")
        }
        switch listing {
        case .queues: return answer(org.queues.first { $0.id == id }, "Queue")
        case .skills: return answer(org.skills.first { $0.id == id }, "Skill")
        case .flows: return answer(org.flows.first { $0.flow.id == id }?.flow, "Flow")
        case .externalContacts: return answer(org.contacts.first { $0.id == id }, "External contact")
        case .dataTables: return answer(org.dataTables.first { $0.id == id }, "Data table")
        case .trunks: return answer(org.trunks.first { $0.id == id }, "Trunk")
        case .trunkBaseSettings: return answer(org.trunkBases.first { $0.id == id }, "Trunk base settings")
        case .users: return Reply.notFound(context)
        }
    }

    /// `GET /api/v2/organizations/me`.
    func organizationsMe(_ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org) else { return Reply.notFound(context) }
        return Reply.json(OrganizationInfo(id: org.id, name: org.name, thirdPartyOrgName: org.name), context)
    }

    /// `showbrief` defaults to true as on the platform: only each row's key.
    func rows(_ tableId: String, _ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org), org.dataTables.contains(where: { $0.id == tableId }) else {
            return Reply.notFound(context, "Data table \(tableId) not found")
        }
        let rows = org.dataTableRows[tableId] ?? []
        let brief = (context.query["showbrief"] ?? "true").lowercased() != "false"
        let values: [JSONValue] = rows.map { row in .object(brief ? ["key": row["key"] ?? .null] : row) }
        return page(values, context)
    }

    func page<Entity: Sendable & Hashable & Codable>(_ items: [Entity], _ context: RequestContext, _ filter: ListingFilter = .none) -> WireResponse {
        guard let size = Self.intQuery(context, "pageSize", default: Endpoint.defaultPageSize) else {
            return Reply.badRequest(context, "pageSize must be an integer", field: "pageSize")
        }
        guard let number = Self.intQuery(context, "pageNumber", default: 1) else {
            return Reply.badRequest(context, "pageNumber must be an integer", field: "pageNumber")
        }
        guard (1...Self.maxPageSize).contains(size) else {
            return Reply.badRequest(context, "pageSize must be between 1 and \(Self.maxPageSize)", field: "pageSize")
        }
        guard number >= 1 else { return Reply.badRequest(context, "pageNumber must be 1 or greater", field: "pageNumber") }
        // A page far past the end (up to Int.max) is empty, never an overflow.
        let (offset, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        let start = overflow ? items.count : min(offset, items.count)
        let end = min(start + size, items.count)
        return Reply.json(EntityPage(entities: Array(items[start..<end]), pageSize: size, pageNumber: number, total: items.count,
                                     path: context.path, filters: filter.queryText), context)
    }

    /// nil when present but not an integer.
    private static func intQuery(_ context: RequestContext, _ name: String, default value: Int) -> Int? {
        guard let text = context.query[name] else { return value }
        return Int(text)
    }
}
