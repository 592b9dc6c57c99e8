import EmulatorCore
import Foundation
import GenesysWire

/// Flow configuration, export and import jobs, schedules and schedule groups.
extension WriteProbeCatalog {
    static func exportJob(_ w: ContractWorld, flows: [String]? = nil) async -> String {
        let ids = flows ?? w.sandbox.flows.prefix(3).map(\.flow.id)
        let response = await w.send(send(.post, "/api/v2/flows/export/jobs", body(FlowExportJobRequest(flowIds: ids))))
        return (try? WireCoding.decode(FlowExportJobRegistration.self, from: response.body))?.id ?? "none"
    }

    static func importJob(_ w: ContractWorld) async -> String {
        let response = await w.send(send(.post, "/api/v2/flows/jobs", json("{}")))
        return (try? WireCoding.decode(FlowImportJobRegistration.self, from: response.body))?.id ?? "none"
    }

    static let flows: [Probe] = [
        ok("GET /api/v2/flows/{flowId}/latestconfiguration", "a flow", model: "object",
           call: { w in .get("/api/v2/flows/\(w.sandbox.flows[0].flow.id)/latestconfiguration", as: .sandbox) }, decode: Probe.decoding(FlowConfiguration.self)),
        unknown("GET /api/v2/flows/{flowId}/latestconfiguration"),
        ok("POST /api/v2/flows/export/jobs", "register", model: "RegisterArchitectExportJobResponse",
           call: { w in send(.post, "/api/v2/flows/export/jobs", body(FlowExportJobRequest(flowIds: w.sandbox.flows.prefix(2).map(\.flow.id)))) },
           decode: Probe.decoding(FlowExportJobRegistration.self)),
        error("POST /api/v2/flows/export/jobs", "enum value refused", 400) { w in
            send(.post, "/api/v2/flows/export/jobs", json(#"{"flows": [{"flow": {"id": "\#(w.sandbox.flows[0].flow.id)"}, "exportType": "Zip"}]}"#))
        },
        ok("GET /api/v2/flows/export/jobs/{jobId}", "started", model: "ArchitectExportJobStateResponse",
           call: { w in
               let id = await exportJob(w)
               w.advance(by: .milliseconds(1500))
               return .get("/api/v2/flows/export/jobs/\(id)", as: .sandbox)
           }, decode: Probe.decoding(FlowExportJobState.self)),
        ok("GET /api/v2/flows/export/jobs/{jobId}", "success", model: "ArchitectExportJobStateResponse",
           call: { w in
               let id = await exportJob(w)
               w.advance(by: .seconds(30))
               return .get("/api/v2/flows/export/jobs/\(id)?expand=messages", as: .sandbox)
           }, decode: Probe.decoding(FlowExportJobState.self)),
        ok("GET /api/v2/flows/export/jobs/{jobId}", "failure", model: "ArchitectExportJobStateResponse",
           call: { w in
               let id = await exportJob(w, flows: [unknownId])
               w.advance(by: .seconds(30))
               return .get("/api/v2/flows/export/jobs/\(id)", as: .sandbox)
           }, decode: Probe.decoding(FlowExportJobState.self)),
        unknown("GET /api/v2/flows/export/jobs/{jobId}"),
        ok("POST /api/v2/flows/jobs", "register", model: "RegisterArchitectJobResponse",
           call: { _ in send(.post, "/api/v2/flows/jobs", json(#"{"createStubs": false}"#)) }, decode: Probe.decoding(FlowImportJobRegistration.self)),
        error("POST /api/v2/flows/jobs", "wrong type", 400) { _ in send(.post, "/api/v2/flows/jobs", json(#"{"createStubs": "yes"}"#)) },
        error("POST /api/v2/flows/jobs", "production is read-only", 403) { _ in send(.post, "/api/v2/flows/jobs", json("{}"), as: .production) },
        ok("GET /api/v2/flows/jobs/{jobId}", "registered", model: "ArchitectJobStateResponse",
           call: { w in .get("/api/v2/flows/jobs/\(await importJob(w))", as: .sandbox) }, decode: Probe.decoding(FlowImportJobState.self)),
        unknown("GET /api/v2/flows/jobs/{jobId}"),
    ]

    static let schedules: [Probe] = [
        page("GET /api/v2/architect/schedules", "sandbox", model: "ScheduleEntityListing", Schedule.self),
        page("GET /api/v2/architect/schedules", "name filter", model: "ScheduleEntityListing", Schedule.self, caller: .production, query: "?name=Week*"),
        byId("GET /api/v2/architect/schedules/{scheduleId}", model: "Schedule", Schedule.self) { $0.sandbox.schedules[0].id ?? "" },
        unknown("GET /api/v2/architect/schedules/{scheduleId}"),
        ok("POST /api/v2/architect/schedules", "create", model: "Schedule",
           call: { _ in send(.post, "/api/v2/architect/schedules", json(#"{"name": "Probe window", "start": "2026-01-01T08:00:00.000", "end": "2026-01-01T09:00:00.000", "rrule": "FREQ=DAILY"}"#)) },
           decode: Probe.decoding(Schedule.self)),
        error("POST /api/v2/architect/schedules", "enum value refused", 400) { _ in send(.post, "/api/v2/architect/schedules", json(#"{"name": "S", "state": "paused"}"#)) },
        ok("PUT /api/v2/architect/schedules/{scheduleId}", "update", model: "Schedule",
           call: { w in
               let schedule = w.sandbox.schedules[0]
               return send(.put, "/api/v2/architect/schedules/\(schedule.id ?? "")", json(#"{"name": "\#(schedule.name ?? "")", "version": \#(schedule.version ?? 1), "start": "2024-01-01T09:00:00.000", "end": "2024-01-01T17:00:00.000"}"#))
           }, decode: Probe.decoding(Schedule.self)),
        error("PUT /api/v2/architect/schedules/{scheduleId}", "stale version", 409) { w in
            send(.put, "/api/v2/architect/schedules/\(w.sandbox.schedules[0].id ?? "")", json(#"{"version": 999}"#))
        },
        page("GET /api/v2/architect/schedulegroups", "sandbox", model: "ScheduleGroupEntityListing", ScheduleGroup.self),
        byId("GET /api/v2/architect/schedulegroups/{scheduleGroupId}", model: "ScheduleGroup", ScheduleGroup.self) { $0.sandbox.scheduleGroups[0].id ?? "" },
        unknown("GET /api/v2/architect/schedulegroups/{scheduleGroupId}"),
        ok("POST /api/v2/architect/schedulegroups", "create", model: "ScheduleGroup",
           call: { w in send(.post, "/api/v2/architect/schedulegroups", json(#"{"name": "Probe hours", "timeZone": "Europe/Dublin", "openSchedules": [{"id": "\#(w.sandbox.schedules[0].id ?? "")"}]}"#)) },
           decode: Probe.decoding(ScheduleGroup.self)),
        error("POST /api/v2/architect/schedulegroups", "wrong type", 400) { _ in send(.post, "/api/v2/architect/schedulegroups", json(#"{"name": "G", "openSchedules": {"id": "x"}}"#)) },
        ok("PUT /api/v2/architect/schedulegroups/{scheduleGroupId}", "update", model: "ScheduleGroup",
           call: { w in
               let group = w.sandbox.scheduleGroups[0]
               return send(.put, "/api/v2/architect/schedulegroups/\(group.id ?? "")", json(#"{"name": "\#(group.name ?? "")", "version": \#(group.version ?? 1), "timeZone": "UTC"}"#))
           }, decode: Probe.decoding(ScheduleGroup.self)),
    ]
}
