/// A data table row as `/api/v2/flows/datatables/{datatableId}/rows[/{rowId}]` sends and takes
/// it (the reference's `dict(str, object)`): the table schema's properties, and always a string
/// `key`, which is also the row's id in the path.
public typealias DataTableRow = [String: JSONValue]

extension Dictionary where Key == String, Value == JSONValue {
    /// The row's `key` (its id), when it is a string.
    public var rowKey: String? { self["key"]?.stringValue }
}
