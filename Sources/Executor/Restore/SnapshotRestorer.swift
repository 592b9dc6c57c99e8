import Foundation
import GenesysClient
import GenesysWire
import Impact
import PlanGraph
import SnapshotStore
import Timekeeping

/// Puts snapshot objects back into a sandbox with the platform's own writes, idempotently:
/// each object is read first (by id, then by name), and only what differs is written; a name
/// now used by another object is reported, never overwritten. Shared by the run's restore
/// step and `sandbox-refresh restore`.
public struct SnapshotRestorer: Sendable {
    public var sandbox: GenesysClient
    /// For the import jobs' presigned upload, which takes no bearer token.
    public var transport: any HTTPTransport
    public var clock: any InjectedClock
    /// Previews: reads only, and says what each object would need.
    public var dryRun: Bool
    /// Called before each write with (kind, name, method): the run journals it there.
    public var beforeWrite: @Sendable (String, String, String) async throws -> Void
    public var emit: @Sendable (String) -> Void

    public init(sandbox: GenesysClient, transport: any HTTPTransport, clock: any InjectedClock, dryRun: Bool = false,
                beforeWrite: @escaping @Sendable (String, String, String) async throws -> Void = { _, _, _ in },
                emit: @escaping @Sendable (String) -> Void = { _ in }) {
        self.sandbox = sandbox
        self.transport = transport
        self.clock = clock
        self.dryRun = dryRun
        self.beforeWrite = beforeWrite
        self.emit = emit
    }

    /// The order writes go in: what others reference first.
    static let order: [ImpactKind] = [.queue, .skill, .wrapupCode, .schedule, .scheduleGroup, .dataTable, .dataTableRows, .flow, .user, .trunk]
    static let referenceable: [ImpactKind] = [.queue, .skill, .wrapupCode, .schedule, .scheduleGroup, .dataTable, .flow]

    public func restore(_ reader: SnapshotReader, selecting select: @Sendable (SnapshotManifest.Object) -> Bool) async throws -> [RestoreResult] {
        let chosen = reader.objects.filter(select).sorted {
            (Self.order.firstIndex(of: ImpactKind(rawValue: $0.kind) ?? .trunk) ?? 99, $0.name) < (Self.order.firstIndex(of: ImpactKind(rawValue: $1.kind) ?? .trunk) ?? 99, $1.name)
        }
        guard !chosen.isEmpty else { return [] }
        var current = SandboxObjects(client: sandbox)
        var results: [RestoreResult] = []
        for object in chosen {
            guard let kind = ImpactKind(rawValue: object.kind) else {
                results.append(RestoreResult(kind: object.kind, name: object.name, id: object.id, action: .notRestored, detail: "unknown kind"))
                continue
            }
            if let problem = kind.recreateProblem {
                results.append(RestoreResult(kind: object.kind, name: object.name, id: object.id, action: .notRestored, detail: problem))
                continue
            }
            let content = try reader.content(of: object)
            let result: RestoreResult
            switch kind {
            case .flow: result = try await restoreFlow(object, file: content, &current)
            case .dataTable, .dataTableRows: result = try await restoreTable(object, kind, content, &current)
            default: result = try await restoreEntity(object, kind, content, &current)
            }
            emit(result.line)
            results.append(result)
        }
        return results
    }

    // MARK: entities

    private func restoreEntity(_ object: SnapshotManifest.Object, _ kind: ImpactKind, _ content: Data, _ current: inout SandboxObjects) async throws -> RestoreResult {
        let saved = try WireCoding.decode(JSONValue.self, from: content)
        let existing = try await current.find(kind, id: object.id, name: object.name, type: nil)
        func result(_ action: RestoreResult.Action, _ detail: String? = nil) -> RestoreResult {
            RestoreResult(kind: object.kind, name: object.name, id: object.id, action: action, detail: detail)
        }
        if let existing, Self.same(saved, existing.raw) { return result(.inPlace) }
        if let existing, existing.id != object.id {
            return result(.notRestored, "the name is now used by another \(kind.singular) (id \(existing.id)), which is kept")
        }
        if existing != nil, let problem = kind.overwriteProblem { return result(.notRestored, problem) }
        let body: JSONValue
        switch RestoreBody(sandboxIds: try await current.idsByName(Self.referenceable)).make(from: saved) {
        case .success(let made): body = made
        case .failure(.missingReferences(let names)):
            return result(.notRestored, "it references \(names.map { "'\($0)'" }.joined(separator: ", ")), which the sandbox no longer has")
        }
        if let existing {
            if dryRun { return result(.wouldUpdate) }
            var fields: [String: JSONValue] = [:]
            if case .object(let bodyFields) = body { fields = bodyFields }
            if let version = existing.raw.field("version") { fields["version"] = version }
            try await beforeWrite(object.kind, object.name, "PUT")
            try await send(APIRequest(.put, "\(kind.listingPath)/\(existing.id)", body: WireCoding.encode(JSONValue.object(fields)), operation: "restore.\(kind.rawValue).update"))
            current.invalidate(kind)
            return result(.updated)
        }
        if dryRun { return result(.wouldCreate) }
        try await beforeWrite(object.kind, object.name, "POST")
        try await send(APIRequest(.post, kind.listingPath, body: WireCoding.encode(body), operation: "restore.\(kind.rawValue).create"))
        current.invalidate(kind)
        return result(.created)
    }

    /// A data table (its schema when absent, then its rows) or only its rows: rows missing are
    /// created and rows that differ updated, by `key`; rows only the sandbox has stay (the
    /// reference has no delete).
    private func restoreTable(_ object: SnapshotManifest.Object, _ kind: ImpactKind, _ content: Data, _ current: inout SandboxObjects) async throws -> RestoreResult {
        let saved = try WireCoding.decode(JSONValue.self, from: content)
        guard let table = saved.field("dataTable"), case .array(let rows)? = saved.field("rows") else {
            return RestoreResult(kind: object.kind, name: object.name, id: object.id, action: .notRestored, detail: "the snapshot's file is not a data table with rows")
        }
        let tableId: String
        var created = false
        if let existing = try await current.find(.dataTable, id: object.id, name: object.name, type: nil) {
            tableId = existing.id
        } else {
            if dryRun { return RestoreResult(kind: object.kind, name: object.name, id: object.id, action: .wouldCreate, detail: "\(rows.count) row(s)") }
            guard case .success(let body) = RestoreBody(sandboxIds: [:]).make(from: table) else {
                return RestoreResult(kind: object.kind, name: object.name, id: object.id, action: .notRestored, detail: "its schema cannot be written")
            }
            try await beforeWrite(ImpactKind.dataTable.rawValue, object.name, "POST")
            let response = try await send(APIRequest(.post, ImpactKind.dataTable.listingPath, body: WireCoding.encode(body), operation: "restore.dataTable.create"))
            guard let id = (try? WireCoding.decode(JSONValue.self, from: response.body))?.field("id")?.stringValue else {
                throw StepFailure(.apiError, "creating data table '\(object.name)' returned no id")
            }
            tableId = id
            created = true
            current.invalidate(.dataTable)
        }
        let rowsPath = "/api/v2/flows/datatables/\(tableId)/rows"
        let present = try await sandbox.fetchAll(pages: { page in
            APIRequest(.get, rowsPath, query: [.init("pageNumber", String(page)), .init("pageSize", "100"), .init("showbrief", "false")],
                       operation: "restore.rows.list")
        }, as: JSONValue.self)
        var byKey: [String: JSONValue] = [:]
        for row in present { if let key = row.field("key")?.stringValue { byKey[key] = row } }
        var written = 0
        for row in rows {
            guard let key = row.field("key")?.stringValue else { continue }
            if let existing = byKey[key], Self.same(row, existing) { continue }
            written += 1
            if dryRun { continue }
            let escaped = key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? key
            try await beforeWrite("dataTableRow", "\(object.name)/\(key)", byKey[key] == nil ? "POST" : "PUT")
            if byKey[key] == nil {
                try await send(APIRequest(.post, "/api/v2/flows/datatables/\(tableId)/rows", body: WireCoding.encode(row), operation: "restore.rows.create"))
            } else {
                try await send(APIRequest(.put, "/api/v2/flows/datatables/\(tableId)/rows/\(escaped)", body: WireCoding.encode(row), operation: "restore.rows.update"))
            }
        }
        let action: RestoreResult.Action = created ? .created : written == 0 ? .inPlace : dryRun ? .wouldUpdate : .updated
        return RestoreResult(kind: object.kind, name: object.name, id: object.id, action: action, detail: written == 0 ? nil : "\(written) row(s)")
    }

    // MARK: flows

    /// One import job per flow: the job's presigned URL takes the exported file (by name, so
    /// references resolve in the refreshed sandbox); the platform creates or updates the flow
    /// of that name and type, so a repeated import never duplicates it.
    private func restoreFlow(_ object: SnapshotManifest.Object, file: Data, _ current: inout SandboxObjects) async throws -> RestoreResult {
        func result(_ action: RestoreResult.Action, _ detail: String? = nil) -> RestoreResult {
            RestoreResult(kind: object.kind, name: object.name, id: object.id, action: action, detail: detail)
        }
        let existing = try await current.find(.flow, id: object.id, name: object.name, type: nil)
        if dryRun { return result(.wouldImport, existing == nil ? "creates it" : "updates the flow of that name") }
        try await beforeWrite(object.kind, object.name, "IMPORT")
        let registration = try await sandbox.send(APIRequest(.post, "/api/v2/flows/jobs", body: WireCoding.encode(FlowImportJobRequest()), operation: "restore.flow.import"),
                                                  as: FlowImportJobRegistration.self)
        guard let link = registration.presignedUrl, let url = URL(string: link) else {
            throw StepFailure(.apiError, "flow import job \(registration.id) came without a presignedUrl")
        }
        var headers = WireHeaders()
        for (name, value) in (registration.headers ?? [:]).sorted(by: { $0.key < $1.key }) { headers[name] = value }
        let upload = try await transport.send(WireRequest(method: .put, url: url, headers: headers, body: file), timeout: .seconds(120))
        guard (200..<300).contains(upload.status) else {
            throw StepFailure(.apiError, "the upload of flow '\(object.name)' to import job \(registration.id) answered HTTP \(upload.status)")
        }
        let deadline = clock.now.advanced(by: .seconds(600))
        var read = 0
        while true {
            read += 1
            let wait = FlowValidationJobs.interval(before: read)
            guard clock.now.advanced(by: wait) <= deadline else {
                return result(.notRestored, "import job \(registration.id) did not end within 10m")
            }
            try await clock.sleep(for: wait)
            let job = try await sandbox.send(APIRequest(.get, "/api/v2/flows/jobs/\(registration.id)", operation: "restore.flow.import.get"), as: FlowImportJobState.self)
            switch job.status {
            case .success?:
                current.invalidate(.flow)
                return result(.imported, job.command.map { $0.lowercased() })
            case .failure?:
                let why = (job.messages ?? []).compactMap(\.text).joined(separator: "; ")
                return result(.notRestored, "the import job failed\(why.isEmpty ? "" : ": \(why)")")
            default:
                continue
            }
        }
    }

    // MARK: support

    @discardableResult
    private func send(_ request: APIRequest) async throws -> APIResponse {
        do {
            return try await sandbox.send(request)
        } catch {
            throw StepFailure(.apiError, error.description)
        }
    }

    /// Equal as a person edits them: ids, dates, versions and reference ids do not count.
    static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        let normaliser = ContentNormaliser()
        return ContentNormaliser.canonicalText(normaliser.normalise(left)) == ContentNormaliser.canonicalText(normaliser.normalise(right))
    }
}

extension JSONValue {
    func field(_ name: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}
