import GenesysWire

/// Entity listings with the platform's paging: `pageNumber` from 1, `pageSize` 25 by default
/// and at most 500, `nextUri` absent on the last page; a page past the end is empty.
extension EmulatorState {
    static let maxPageSize = 500

    func list(_ listing: Endpoint.Listing, _ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org) else { return Reply.notFound(context) }
        switch listing {
        case .queues: return page(org.queues, context)
        case .skills: return page(org.skills, context)
        case .flows: return page(org.flows.map(\.flow), context)
        case .externalContacts: return page(org.contacts, context)
        case .dataTables: return page(org.dataTables, context)
        case .trunks: return page(org.trunks, context)
        case .users: return page(org.users, context)
        }
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

    func page<Entity: Sendable & Hashable & Codable>(_ items: [Entity], _ context: RequestContext) -> WireResponse {
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
        let start = min((number - 1) * size, items.count)
        let end = min(start + size, items.count)
        return Reply.json(EntityPage(entities: Array(items[start..<end]), pageSize: size, pageNumber: number, total: items.count, path: context.path), context)
    }

    /// nil when present but not an integer.
    private static func intQuery(_ context: RequestContext, _ name: String, default value: Int) -> Int? {
        guard let text = context.query[name] else { return value }
        return Int(text)
    }
}
