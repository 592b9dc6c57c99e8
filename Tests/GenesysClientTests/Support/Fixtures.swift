import Foundation
import GenesysWire
@testable import GenesysClient
import Logging
import Testing
import Timekeeping

/// A client pointed at a scripted server, with a virtual clock and a log buffer.
struct ClientFixture {
    let server: ScriptedServer
    let clock: VirtualClock
    let transport: AHCTransport
    let logs: LogBuffer
    let client: GenesysClient

    static func make(_ script: ScriptedServer.Script = .init(), configuration: ClientConfiguration = .init(), secret: String? = nil) async throws -> ClientFixture {
        let server = try await ScriptedServer.start(script)
        let clock = VirtualClock(mode: .autoAdvance)
        let transport = AHCTransport(connectTimeout: .seconds(2), readTimeout: .seconds(10))
        let logs = LogBuffer()
        let endpoint = try OrganizationEndpoint(apiBase: server.baseURL, loginBase: server.baseURL)
        let client = GenesysClient(
            name: "sandbox",
            endpoint: endpoint,
            credentials: ClientCredentials(clientId: script.clientId, clientSecret: secret ?? script.clientSecret),
            configuration: configuration,
            transport: transport,
            clock: clock,
            logger: logs.logger()
        )
        return ClientFixture(server: server, clock: clock, transport: transport, logs: logs, client: client)
    }

    func tearDown() async {
        try? await transport.shutdown()
        await server.stop()
    }
}

func get(_ path: String, operation: String = "test") -> APIRequest {
    APIRequest(.get, path, operation: operation)
}

func post(_ path: String, operation: String = "test") -> APIRequest {
    APIRequest(.post, path, body: Data("{}".utf8), operation: operation)
}

extension Moment {
    static func seconds(_ value: Double) -> Moment { Moment(sinceEpoch: .milliseconds(Int64(value * 1000))) }
}

/// Runs `body` against a fresh server and client, and tears both down whatever happens.
func withFixture(_ script: ScriptedServer.Script = .init(), configuration: ClientConfiguration = .init(), secret: String? = nil, _ body: (ClientFixture) async throws -> Void) async throws {
    let fixture = try await ClientFixture.make(script, configuration: configuration, secret: secret)
    do {
        try await body(fixture)
    } catch {
        await fixture.tearDown()
        throw error
    }
    await fixture.tearDown()
}

/// Runs `body`, expecting an `APIError`, and returns it.
func expectAPIError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> APIError? {
    do {
        try await body()
        Issue.record("expected an APIError", sourceLocation: sourceLocation)
        return nil
    } catch let error as APIError {
        return error
    } catch {
        Issue.record("expected an APIError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
