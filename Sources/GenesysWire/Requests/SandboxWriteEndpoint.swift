import Foundation

/// The requests of the reference's `sandbox-writes` part (listings and get-by-id of its kinds
/// go through `Endpoint.list`/`Endpoint.get` with the new `Endpoint.Listing` cases). Writes are
/// for a sandbox only. Creates are POSTs (not idempotent: reconcile by name before resending);
/// updates are PUTs of the whole object with its current `version` where the kind has one.
public enum SandboxWriteEndpoint {
    /// `POST {listing}` for queues, skills, wrap-up codes, schedules, schedule groups, data tables.
    public static func create<Body: Encodable>(_ listing: Endpoint.Listing, _ body: Body) -> APIRequest {
        APIRequest(.post, listing.path, body: WireCoding.encode(body), operation: "\(listing.rawValue).create")
    }

    /// `PUT {listing}/{id}` for queues, wrap-up codes, schedules, schedule groups, data tables,
    /// credentials, campaigns, trunk base settings.
    public static func update<Body: Encodable>(_ listing: Endpoint.Listing, id: String, _ body: Body) -> APIRequest {
        APIRequest(.put, "\(listing.path)/\(id)", body: WireCoding.encode(body), operation: "\(listing.rawValue).update")
    }

    public static func dataTableRow(tableId: String, key: String) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/datatables/\(tableId)/rows/\(key)", query: [.init("showbrief", "false")], operation: "datatables.rows.get")
    }

    public static func createDataTableRow(tableId: String, _ row: DataTableRow) -> APIRequest {
        APIRequest(.post, "/api/v2/flows/datatables/\(tableId)/rows", body: WireCoding.encode(row), operation: "datatables.rows.create")
    }

    public static func updateDataTableRow(tableId: String, key: String, _ row: DataTableRow) -> APIRequest {
        APIRequest(.put, "/api/v2/flows/datatables/\(tableId)/rows/\(key)", body: WireCoding.encode(row), operation: "datatables.rows.update")
    }

    /// A data table with its schema (`expand=schema`).
    public static func dataTableWithSchema(id: String) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/datatables/\(id)", query: [.init("expand", "schema")], operation: "datatables.get")
    }

    public static func flowConfiguration(flowId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/\(flowId)/latestconfiguration", operation: "flows.latestconfiguration")
    }

    public static func submitExportJob(_ body: FlowExportJobRequest) -> APIRequest {
        APIRequest(.post, "/api/v2/flows/export/jobs", body: WireCoding.encode(body), operation: "flows.export.jobs.submit")
    }

    public static func getExportJob(jobId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/export/jobs/\(jobId)", query: [.init("expand", "messages")], operation: "flows.export.jobs.get")
    }

    public static func submitImportJob(_ body: FlowImportJobRequest = FlowImportJobRequest()) -> APIRequest {
        APIRequest(.post, "/api/v2/flows/jobs", body: WireCoding.encode(body), operation: "flows.jobs.submit")
    }

    public static func getImportJob(jobId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/flows/jobs/\(jobId)", query: [.init("expand", "messages")], operation: "flows.jobs.get")
    }

    public static func integrationConfig(integrationId: String) -> APIRequest {
        APIRequest(.get, "/api/v2/integrations/\(integrationId)/config/current", operation: "integrations.config.get")
    }

    public static func updateIntegrationConfig(integrationId: String, _ body: IntegrationConfiguration) -> APIRequest {
        APIRequest(.put, "/api/v2/integrations/\(integrationId)/config/current", body: WireCoding.encode(body), operation: "integrations.config.update")
    }

    /// One page of triggers; pass the previous page's `nextUri` cursor as `after`.
    public static func listTriggers(pageSize: Int = Endpoint.defaultPageSize, after: String? = nil) -> APIRequest {
        APIRequest(.get, "/api/v2/processautomation/triggers", query: [.init("pageSize", String(pageSize))] + (after.map { [.init("after", $0)] } ?? []),
                   operation: "triggers.list")
    }

    public static func getTrigger(id: String) -> APIRequest {
        APIRequest(.get, "/api/v2/processautomation/triggers/\(id)", operation: "triggers.get")
    }

    public static func updateTrigger(id: String, _ body: UpdateTriggerRequest) -> APIRequest {
        APIRequest(.put, "/api/v2/processautomation/triggers/\(id)", body: WireCoding.encode(body), operation: "triggers.update")
    }
}
