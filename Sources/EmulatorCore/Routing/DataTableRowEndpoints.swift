import GenesysWire

/// One data table row: `GET`, `POST .../rows` and `PUT .../rows/{rowId}`. A row is a free-form
/// object (the reference has no body model) whose string `key` is its id. There is no delete
/// in the reference, so neither is there one here.
extension EmulatorState {
    /// `showbrief` defaults to true as on the platform: only the row's key.
    func row(_ tableId: String, _ rowId: String, _ context: RequestContext) -> WireResponse {
        guard let org = context.organization.flatMap(org), org.dataTables.contains(where: { $0.id == tableId }) else {
            return Reply.notFound(context, "Data table \(tableId) not found")
        }
        guard let row = org.dataTableRows[tableId]?.first(where: { $0.rowKey == rowId }) else {
            return Reply.notFound(context, "Row \(rowId) not found in data table \(tableId)")
        }
        let brief = (context.query["showbrief"] ?? "true").lowercased() != "false"
        return Reply.json(brief ? ["key": row["key"] ?? .null] : row, context)
    }

    mutating func createRow(_ tableId: String, _ body: JSONValue, _ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let org = org(organization), org.dataTables.contains(where: { $0.id == tableId }) else {
            return Reply.notFound(context, "Data table \(tableId) not found")
        }
        guard case .object(let row) = body else { return Reply.badRequest(context, "A row is a JSON object", field: "body") }
        guard let key = row.rowKey, !key.isEmpty else { return Reply.badRequest(context, "A row needs a string key", field: "key") }
        if org.dataTableRows[tableId]?.contains(where: { $0.rowKey == key }) ?? false {
            return Reply.error(409, ErrorCode.conflict, "A row with key '\(key)' already exists", context,
                               details: [ErrorBody.Detail(errorCode: ErrorCode.conflict, fieldName: "key")])
        }
        updateOrg(organization) { $0.dataTableRows[tableId, default: []].append(row) }
        return Reply.json(row, context)
    }

    mutating func updateRow(_ tableId: String, _ rowId: String, _ body: JSONValue, _ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let org = org(organization), org.dataTables.contains(where: { $0.id == tableId }) else {
            return Reply.notFound(context, "Data table \(tableId) not found")
        }
        guard case .object(var row) = body else { return Reply.badRequest(context, "A row is a JSON object", field: "body") }
        if let key = row["key"], key.stringValue != rowId {
            return Reply.badRequest(context, "The row's key must be '\(rowId)', the row being updated", field: "key")
        }
        row["key"] = .string(rowId)
        guard let index = org.dataTableRows[tableId]?.firstIndex(where: { $0.rowKey == rowId }) else {
            return Reply.notFound(context, "Row \(rowId) not found in data table \(tableId)")
        }
        let replaced = row
        updateOrg(organization) { $0.dataTableRows[tableId]?[index] = replaced }
        return Reply.json(replaced, context)
    }

    /// A table's schema: the one a client set, or one read off its rows (every column a row
    /// has, typed by its first value; `key` is always a string).
    static func schema(of table: DataTable, rows: [[String: JSONValue]]) -> JSONValue {
        if let schema = table.schema { return schema }
        var properties: [String: JSONValue] = ["key": .object(["title": .string("key"), "type": .string("string")])]
        for row in rows {
            for (column, value) in row where properties[column] == nil {
                let type: String
                switch value {
                case .bool: type = "boolean"
                case .number: type = "number"
                default: type = "string"
                }
                properties[column] = .object(["title": .string(column), "type": .string(type)])
            }
        }
        return .object(["$schema": .string("http://json-schema.org/draft-04/schema#"), "type": .string("object"),
                        "required": .array([.string("key")]), "properties": .object(properties), "additionalProperties": .bool(false)])
    }
}
