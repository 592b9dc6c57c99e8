import EmulatorCore
import Foundation
import GenesysWire
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Timekeeping

/// Requests straight to an emulator (the in-process transport's path), by organization name.
struct Direct {
    let emulator: Emulator

    func send(_ method: HTTPMethod, _ pathOrURL: String, as organization: String?, body: String? = nil,
              headers: [String: String] = ["Content-Type": "application/json"]) async -> WireResponse {
        var fields = WireHeaders(headers.map { ($0.key, $0.value) })
        if let organization, let org = emulator.organization(organization) {
            let login = WireRequest(method: .post, url: URL(string: "http://emulator.invalid/oauth/token")!,
                                    headers: ["Authorization": TokenEndpoint.basicAuthorization(clientId: org.clientId, clientSecret: org.clientSecret),
                                              "Content-Type": "application/x-www-form-urlencoded"], body: Data(TokenEndpoint.formBody.utf8))
            let token = (await emulator.handle(login).response).flatMap { try? WireCoding.decode(TokenResponse.self, from: $0.body) }?.accessToken
            fields["Authorization"] = "Bearer \(token ?? "")"
        }
        let url = pathOrURL.hasPrefix("http") ? pathOrURL : "http://emulator.invalid" + pathOrURL
        return await emulator.handle(WireRequest(method: method, url: URL(string: url)!, headers: fields, body: body.map { Data($0.utf8) })).response
            ?? WireResponse(status: 0)
    }
}

@Suite struct FlowJobTests {
    static let sandboxId = "sandbox-dev-01"

    /// Uploads `file` through an import job and returns the job once it has ended.
    static func importFile(_ file: String, _ direct: Direct, _ clock: VirtualClock) async throws -> FlowImportJobState {
        let registered = await direct.send(.post, "/api/v2/flows/jobs", as: sandboxId, body: "{}")
        let job = try WireCoding.decode(FlowImportJobRegistration.self, from: registered.body)
        let uploaded = await direct.send(.put, try #require(job.presignedUrl), as: nil, body: file, headers: job.headers ?? [:])
        #expect(uploaded.status == 200)
        clock.advance(by: .seconds(2))
        let state = await direct.send(.get, "/api/v2/flows/jobs/\(job.id)", as: sandboxId)
        return try WireCoding.decode(FlowImportJobState.self, from: state.body)
    }

    /// Export a sandbox-only flow, download the file (no bearer), import it under a new name:
    /// the copy references the same objects, resolved by name. Over HTTP, presigned URLs too.
    @Test func exportDownloadImportRoundTripOverHTTP() async throws {
        let harness = Harness(spec: WorldSpec(seed: 42, queues: 12, skills: 4, flows: 16, contacts: 10, dataTableRows: 10, users: 4))
        let sandbox = try #require(harness.emulator.world.sandbox(Self.sandboxId))
        let dev = try #require(sandbox.flows.first { $0.flow.name == "DEV-Inboundcall Flow 1" })
        let clock = harness.clock
        try await harness.test { client in
            let token = try await client.login(harness.sandbox)
            let registered = try await client.call(.post, "/api/v2/flows/export/jobs", token: token, json: FlowExportJobRequest(flowIds: [dev.flow.id]))
            let job = try decode(FlowExportJobRegistration.self, registered)
            clock.advance(by: .seconds(5))
            let state = try decode(FlowExportJobState.self, try await client.get("/api/v2/flows/export/jobs/\(job.id)", token: token))
            #expect(state.status == .success)
            let url = try #require(state.downloadUrl.flatMap(URL.init(string:)))
            let download = try await client.get(url.path, token: nil)
            #expect(download.status == .ok)
            let file = String(buffer: download.body)
            let queueName = try #require(sandbox.queues.first { $0.id == dev.references[0].id }?.name)
            #expect(file.hasPrefix("inboundCall:\n  name: \"DEV-Inboundcall Flow 1\"\n"))
            #expect(file.contains("    - queue: \"\(queueName)\"\n"))

            let renamed = file.replacingOccurrences(of: "DEV-Inboundcall Flow 1", with: "DEV-Restored")
            let importJob = try decode(FlowImportJobRegistration.self, try await client.call(.post, "/api/v2/flows/jobs", token: token, json: FlowImportJobRequest()))
            let upload = try #require(importJob.presignedUrl.flatMap(URL.init(string:)))
            var headers: HTTPFields = [:]
            for (name, value) in importJob.headers ?? [:] { headers[HTTPField.Name(name)!] = value }
            let put = try await client.execute(uri: upload.path, method: .put, headers: headers, body: ByteBuffer(string: renamed))
            #expect(put.status == .ok)
            clock.advance(by: .seconds(2))
            let ended = try decode(FlowImportJobState.self, try await client.get("/api/v2/flows/jobs/\(importJob.id)", token: token))
            #expect(ended.status == .success && ended.command == "Create")
            let copy = try #require(harness.emulator.world.sandbox(Self.sandboxId)?.flows.first { $0.flow.name == "DEV-Restored" })
            #expect(ended.flow?.id == copy.flow.id)
            #expect(copy.references == dev.references && copy.settings == dev.settings)
            let configuration = try decode(FlowConfiguration.self, try await client.get("/api/v2/flows/\(copy.flow.id)/latestconfiguration", token: token))
            #expect(configuration.references?.map(\.id) == dev.references.map(\.id))
        }
    }

    @Test func aReferenceToAMissingNameFailsTheJobNamingIt() async throws {
        let clock = VirtualClock(mode: .manual)
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 3, contacts: 10)), clock: clock)
        let direct = Direct(emulator: emulator)
        let before = emulator.world.sandbox(Self.sandboxId)?.flows
        let file = "commonModule:\n  name: \"DEV-Broken\"\n  references:\n    - queue: \"No Such Queue\"\n"
        let job = try await Self.importFile(file, direct, clock)
        #expect(job.status == .failure)
        #expect(job.messages?.first?.text?.contains("No Such Queue") == true)
        #expect(emulator.world.sandbox(Self.sandboxId)?.flows == before, "a failed import changes nothing")
        // An update of an existing flow by name and type is an `Update`.
        let existing = try #require(before?.first { $0.flow.type == .commonModule })
        let updated = try await Self.importFile("commonModule:\n  name: \(FlowDocumentQuote.quote(existing.flow.name))\n", direct, clock)
        #expect(updated.status == .success && updated.command == "Update" && updated.flow?.id == existing.flow.id)
    }

    /// Faults match the new endpoints as they match the old ones, presigned files included.
    @Test func faultsApplyToTheNewEndpoints() async throws {
        let clock = VirtualClock(mode: .manual)
        let faults = FaultPlan(seed: 1, rules: [
            FaultRule(kind: .serviceUnavailableRun(count: 1), match: FaultMatch(path: "/api/v2/flows/export/jobs", method: "POST")),
            FaultRule(kind: .serviceUnavailableRun(count: 1), match: FaultMatch(path: "/presigned/**")),
            FaultRule(kind: .rateLimitBurst(count: 1, retryAfterSeconds: 4), match: FaultMatch(path: "/api/v2/processautomation/triggers")),
        ])
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 3, contacts: 10)), clock: clock, faults: faults)
        let direct = Direct(emulator: emulator)
        let flow = try #require(emulator.world.sandbox(Self.sandboxId)?.flows.first?.flow.id)
        let body = String(decoding: WireCoding.encode(FlowExportJobRequest(flowIds: [flow])), as: UTF8.self)
        #expect(await direct.send(.post, "/api/v2/flows/export/jobs", as: Self.sandboxId, body: body).status == 503)
        #expect(await direct.send(.get, "/api/v2/processautomation/triggers", as: Self.sandboxId).status == 429)
        let registered = await direct.send(.post, "/api/v2/flows/export/jobs", as: Self.sandboxId, body: body)
        let job = try WireCoding.decode(FlowExportJobRegistration.self, from: registered.body)
        clock.advance(by: .seconds(5))
        let state = try WireCoding.decode(FlowExportJobState.self, from: await direct.send(.get, "/api/v2/flows/export/jobs/\(job.id)", as: Self.sandboxId).body)
        let url = try #require(state.downloadUrl)
        #expect(await direct.send(.get, url, as: nil).status == 503)
        #expect(await direct.send(.get, url, as: nil).status == 200)
        #expect(emulator.firedFaults().count == 3)
    }

    @Test func productionRefusesWritesAndTheyAreRecorded() async throws {
        let clock = VirtualClock(mode: .manual)
        let emulator = Emulator(world: World.generate(WorldSpec(seed: 3, contacts: 10)), clock: clock)
        let direct = Direct(emulator: emulator)
        let before = emulator.world.production
        let refused = await direct.send(.post, "/api/v2/routing/wrapupcodes", as: World.productionName, body: #"{"name": "Should not exist"}"#)
        #expect(refused.status == 403)
        #expect(try WireCoding.decode(ErrorBody.self, from: refused.body).code == ErrorCode.missingPermissions)
        let read = await direct.send(.get, "/api/v2/routing/wrapupcodes", as: World.productionName)
        #expect(read.status == 200)
        #expect(emulator.world.production == before)
        #expect(emulator.productionWrites().map(\.method) == ["POST"])
        let sandboxWrite = await direct.send(.post, "/api/v2/routing/wrapupcodes", as: Self.sandboxId, body: #"{"name": "Sandbox outcome"}"#)
        #expect(sandboxWrite.status == 200)
        #expect(emulator.productionWrites().count == 1)
    }
}

/// The flow file's quoting, for tests that write one by hand.
enum FlowDocumentQuote {
    static func quote(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
