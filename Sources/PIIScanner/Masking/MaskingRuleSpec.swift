/// A masking rule: which values (globs over object, field, data table, column; every present
/// one must match) and what to do with them. Built from a `WireMaskingRule` or a plan's
/// `MaskingRule` by the caller, so this module needs neither.
public struct MaskingRuleSpec: Sendable, Hashable {
    public var object: String?
    public var field: String?
    public var dataTable: String?
    public var column: String?
    public var action: MaskAction

    /// Object names that mean external contacts, and data tables.
    public static let contactObjects = ["externalContact", "externalContacts", "contact", "contacts"]
    public static let tableObjects = ["dataTable", "dataTables", "dataTableRow", "dataTableRows"]

    public init(object: String? = nil, field: String? = nil, dataTable: String? = nil, column: String? = nil, action: MaskAction) {
        self.object = object
        self.field = field
        self.dataTable = dataTable
        self.column = column
        self.action = action
    }

    /// The wire form's fields (`WireMaskingRule`): `action` is `redact|partial|hash|tokenize`.
    public init(object: String?, field: String?, dataTable: String?, column: String?, action: String, keepFirst: Int?, keepLast: Int?) {
        self.init(object: object, field: field, dataTable: dataTable, column: column, action: MaskAction(wire: action, keepFirst: keepFirst, keepLast: keepLast))
    }

    /// A contact field, named `firstName` or `address.city` (a pattern may say `city` too).
    public func appliesToContact(field name: String) -> Bool {
        guard dataTable == nil else { return false }
        if let object, !Self.contactObjects.contains(where: { Glob.matches(object, $0) }) { return false }
        return fieldMatches(name)
    }

    /// A data-table column; `table` is matched by id or by name.
    public func appliesToRow(column name: String, tableId: String?, tableName: String?) -> Bool {
        if let object, !Self.tableObjects.contains(where: { Glob.matches(object, $0) }) { return false }
        if let dataTable {
            let candidates = [tableId, tableName].compactMap { $0 }
            guard candidates.contains(where: { Glob.matches(dataTable, $0) }) || dataTable == "*" else { return false }
        }
        return fieldMatches(name)
    }

    /// `field` and `column` are both a name pattern; a rule with neither covers every field.
    public func matchesField(_ name: String) -> Bool { fieldMatches(name) }

    private func fieldMatches(_ name: String) -> Bool {
        let short = name.split(separator: ".").last.map(String.init) ?? name
        for pattern in [field, column].compactMap({ $0 }) where !(Glob.matches(pattern, name) || Glob.matches(pattern, short)) {
            return false
        }
        return true
    }
}
