import Foundation

/// What an export holds, which decides which masking rules can apply to it: a rule with
/// `object: externalContact` applies to contacts, one with `dataTable: Customers` to that
/// table's rows, one with only `field` or `column` to any export.
public enum DocumentKind: Sendable, Hashable, CustomStringConvertible {
    case contacts
    /// A data table's rows, by name (and id, when known: a rule may name either).
    case dataTable(name: String, id: String? = nil)
    /// Any other object, by name (`conversations`, `users`, the file's stem).
    case other(name: String)

    /// From an object name as `mask --object` or a file name gives it: a contact alias
    /// (`externalContacts`), `dataTable:NAME` / `dataTables/NAME`, or anything else.
    public init(objectName: String) {
        let trimmed = objectName.trimmingCharacters(in: .whitespaces)
        for prefix in ["dataTable:", "dataTables:", "dataTable/", "dataTables/", "datatable-", "dataTable-"] where trimmed.lowercased().hasPrefix(prefix.lowercased()) {
            self = .dataTable(name: String(trimmed.dropFirst(prefix.count)))
            return
        }
        if MaskingRuleSpec.contactObjects.contains(where: { $0.lowercased() == trimmed.lowercased() }) {
            self = .contacts
        } else {
            self = .other(name: trimmed)
        }
    }

    /// The kind of an export file: by its stem (`externalContacts.ndjson`), or a table when its
    /// directory is named `dataTables` (`dataTables/Customers.csv`).
    public init(path: String) {
        let parts = path.split(separator: "/").map(String.init)
        let file = parts.last ?? path
        let stem = String(file.prefix { $0 != "." })
        if parts.count >= 2, ["datatables", "datatable"].contains(parts[parts.count - 2].lowercased()) {
            self = .dataTable(name: stem)
        } else {
            self.init(objectName: stem)
        }
    }

    public var description: String {
        switch self {
        case .contacts: return "external contacts"
        case .dataTable(let name, _): return "data table \(name)"
        case .other(let name): return name
        }
    }
}

