import Foundation
import GenesysClient
import GenesysWire
import Impact
import PlanGraph

/// The sandbox reads a snapshot needs: each object as the platform returns it by id, a data
/// table with its schema and rows, and flows through export jobs (`exportType: Yaml`, whose
/// references are by name), each batch's one download split into one file per flow.
struct SnapshotReading: Sendable {
    let ctx: RunContext
    /// How long one export job may take before the snapshot gives up.
    static let exportTimeout: Duration = .seconds(600)

    /// The object's JSON; nil when it is gone (404) since the impact was read.
    func content(of entry: ImpactEntry) async throws -> Data? {
        do throws(APIError) {
            switch entry.kind {
            case .dataTable, .dataTableRows:
                let table = try await ctx.sandbox.send(APIRequest(.get, "/api/v2/flows/datatables/\(entry.id)", query: [.init("expand", "schema")], operation: "snapshot.dataTable.get"), as: JSONValue.self)
                let rows = try await ctx.sandbox.fetchAll(pages: { page in
                    APIRequest(.get, "/api/v2/flows/datatables/\(entry.id)/rows", query: [.init("pageNumber", String(page)), .init("pageSize", "100"), .init("showbrief", "false")], operation: "snapshot.rows")
                }, as: JSONValue.self)
                return WireCoding.encode(JSONValue.object(["dataTable": table, "rows": .array(rows)]), pretty: true)
            case .user:
                // The emulator, like some platform roles, serves users only as a listing.
                let users = try await ctx.sandbox.fetchAll(pages: { page in
                    APIRequest(.get, ImpactKind.user.listingPath, query: [.init("pageNumber", String(page)), .init("pageSize", "100")], operation: "snapshot.users")
                }, as: JSONValue.self)
                return users.first { ImpactObject(kind: .user, entity: $0)?.id == entry.id }.map { WireCoding.encode($0, pretty: true) }
            default:
                let response = try await ctx.sandbox.send(APIRequest(.get, "\(entry.kind.listingPath)/\(entry.id)", operation: "snapshot.\(entry.kind.rawValue).get"))
                return response.body
            }
        } catch {
            if error.status == 404 { return nil }
            throw StepFailure(.apiError, error.description)
        }
    }

    /// One export job for the batch; its file per flow id.
    func export(_ batch: [ImpactEntry]) async throws -> [String: Data] {
        let body = FlowExportJobRequest(flowIds: batch.map(\.id))
        let registration: FlowExportJobRegistration
        do {
            registration = try await ctx.sandbox.send(APIRequest(.post, "/api/v2/flows/export/jobs", body: WireCoding.encode(body), operation: "snapshot.flows.export"),
                                                      as: FlowExportJobRegistration.self)
        } catch {
            throw StepFailure(.apiError, error.description)
        }
        ctx.emit("snapshot.export", step: "snapshot", "export job \(registration.id) registered for \(batch.count) flow(s)", fields: ["jobId": registration.id])
        let deadline = ctx.clock.now.advanced(by: Self.exportTimeout)
        var read = 0
        while true {
            read += 1
            let wait = FlowValidationJobs.interval(before: read)
            guard ctx.clock.now.advanced(by: wait) <= deadline else {
                throw StepFailure(.apiError, "flow export job \(registration.id) did not end within \(Self.exportTimeout.planNotation); nothing was submitted")
            }
            do { try await ctx.clock.sleep(for: wait) } catch {
                throw StepFailure(.interrupted, "interrupted while waiting for flow export job \(registration.id)")
            }
            let job: FlowExportJobState
            do {
                job = try await ctx.sandbox.send(APIRequest(.get, "/api/v2/flows/export/jobs/\(registration.id)", operation: "snapshot.flows.export.get"), as: FlowExportJobState.self)
            } catch {
                throw StepFailure(.apiError, error.description)
            }
            switch job.status {
            case .success?:
                guard let link = job.downloadUrl, let url = URL(string: link) else {
                    throw StepFailure(.apiError, "flow export job \(registration.id) succeeded without a downloadUrl")
                }
                return try await download(url, jobId: registration.id, batch: batch)
            case .failure?:
                let why = (job.messages ?? []).compactMap(\.text).joined(separator: "; ")
                throw StepFailure(.apiError, "flow export job \(registration.id) failed\(why.isEmpty ? "" : ": \(why)")")
            default:
                continue
            }
        }
    }

    /// The download is presigned: it is fetched without the bearer token.
    private func download(_ url: URL, jobId: String, batch: [ImpactEntry]) async throws -> [String: Data] {
        let response: WireResponse
        do {
            response = try await ctx.transport.send(WireRequest(method: .get, url: url), timeout: .seconds(120))
        } catch {
            // The URL is presigned (a credential): only its host is named.
            throw StepFailure(.apiError, "the download of flow export job \(jobId) from \(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "") failed: \(error)")
        }
        guard response.status == 200 else {
            throw StepFailure(.apiError, "the download of flow export job \(jobId) answered HTTP \(response.status)")
        }
        return FlowExportSplitter.split(response.body, flows: batch.map { ($0.id, $0.name, $0.type) })
    }
}
