/// An entity listing page (`GET /api/v2/routing/queues`, `/api/v2/flows`, ...).
public struct EntityPage<Entity: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var entities: [Entity]
    public var pageSize: Int
    public var pageNumber: Int
    public var total: Int
    public var pageCount: Int
    public var firstUri: String?
    public var selfUri: String?
    public var nextUri: String?
    public var previousUri: String?
    public var lastUri: String?

    /// `filters` (already encoded, `name=Billing*&divisionId=...`) are carried into every URI.
    public init(entities: [Entity], pageSize: Int, pageNumber: Int, total: Int, path: String, filters: String = "") {
        self.entities = entities
        self.pageSize = pageSize
        self.pageNumber = pageNumber
        self.total = total
        let pageCount = pageSize > 0 ? (total + pageSize - 1) / pageSize : 0
        self.pageCount = pageCount
        func uri(_ page: Int) -> String { "\(path)?pageSize=\(pageSize)&pageNumber=\(page)\(filters.isEmpty ? "" : "&\(filters)")" }
        firstUri = uri(1)
        selfUri = uri(pageNumber)
        lastUri = uri(max(pageCount, 1))
        nextUri = pageNumber < pageCount ? uri(pageNumber + 1) : nil
        previousUri = pageNumber > 1 ? uri(pageNumber - 1) : nil
    }
}
