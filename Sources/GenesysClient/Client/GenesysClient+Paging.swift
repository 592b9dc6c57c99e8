import GenesysWire
import Timekeeping

extension GenesysClient {
    /// Every entity of a listing: page 1 first (it tells `pageCount`), then the remaining pages
    /// concurrently, at most `configuration.pagingConcurrency` at a time; all of them draw on
    /// the client's rate budget, so concurrency never earns a 429. Entities come back in page order.
    public func fetchAll<E: Sendable & Hashable & Codable>(_ listing: Endpoint.Listing, pageSize: Int = 100, as type: E.Type = E.self, deadline: Moment? = nil) async throws(APIError) -> [E] {
        try await fetchAll(pages: { Endpoint.list(listing, pageNumber: $0, pageSize: pageSize) }, as: type, deadline: deadline)
    }

    /// Every entity of any paged listing: `pages(n)` builds the request for page `n` (from 1).
    public func fetchAll<E: Sendable & Hashable & Codable>(pages: @escaping @Sendable (Int) -> APIRequest, as type: E.Type = E.self, deadline: Moment? = nil) async throws(APIError) -> [E] {
        let first = try await send(pages(1), as: EntityPage<E>.self, deadline: deadline)
        guard first.pageCount > 1 else { return first.entities }
        let pageCount = first.pageCount
        let width = max(1, configuration.pagingConcurrency)

        let outcome = await withTaskGroup(of: (Int, Result<[E], APIError>).self) { group -> Result<[Int: [E]], APIError> in
            var next = 2
            func enqueue() {
                let page = next
                next += 1
                group.addTask {
                    do throws(APIError) {
                        let body = try await self.send(pages(page), as: EntityPage<E>.self, deadline: deadline)
                        return (page, .success(body.entities))
                    } catch {
                        return (page, .failure(error))
                    }
                }
            }
            while next <= pageCount, next - 2 < width { enqueue() }
            var pages: [Int: [E]] = [1: first.entities]
            for await (page, result) in group {
                switch result {
                case .success(let entities):
                    pages[page] = entities
                    if next <= pageCount { enqueue() }
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
            }
            return .success(pages)
        }
        let pages = try outcome.get()
        return (1...pageCount).flatMap { pages[$0] ?? [] }
    }

    /// How many entities a listing holds, in one request (`pageSize=1`, read `total`).
    public func count(_ listing: Endpoint.Listing, deadline: Moment? = nil) async throws(APIError) -> Int {
        try await send(Endpoint.count(listing), as: PageTotal.self, deadline: deadline).total
    }
}

/// The part of a listing page that `count` needs; entities are not decoded.
private struct PageTotal: Decodable {
    var total: Int
}
