import EmulatorCore
import EmulatorServer
import Foundation
import GenesysWire
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Timekeeping

/// A small world, a manual virtual clock and an emulator, for tests that move time themselves.
struct Harness {
    let clock: VirtualClock
    let emulator: Emulator
    let app: any ApplicationProtocol

    init(spec: WorldSpec = WorldSpec(seed: 42, queues: 30, skills: 10, flows: 40, contacts: 60, dataTableRows: 40, users: 10),
         faults: FaultPlan = .none, rateLimit: Int = 300, tokenRequestsPerMinute: Int = 120, mode: VirtualClock.Mode = .manual) {
        clock = VirtualClock(mode: mode)
        emulator = Emulator(world: World.generate(spec), clock: clock, faults: faults, rateLimitPerMinute: rateLimit,
                            tokenRequestsPerMinute: tokenRequestsPerMinute)
        app = EmulatorHTTPServer.application(emulator: emulator, port: 0)
    }

    var production: EmulatedOrganization { emulator.organization(World.productionName)! }
    var sandbox: EmulatedOrganization { emulator.organization("sandbox-dev-01")! }

    func test<Value>(_ setup: TestingSetup = .router, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Self.run(app, setup, body)
    }

    private static func run<App: ApplicationProtocol, Value>(_ app: App, _ setup: TestingSetup, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await app.test(setup) { client in try await body(client) }
    }
}

extension HTTPField.Name {
    static let correlationId = HTTPField.Name("ININ-Correlation-Id")!
    static let retryAfter = HTTPField.Name("Retry-After")!
}

extension TestClientProtocol {
    func login(_ org: EmulatedOrganization) async throws -> String {
        try await login(clientId: org.clientId, secret: org.clientSecret)
    }

    func login(clientId: String, secret: String) async throws -> String {
        let response = try await loginResponse(clientId: clientId, secret: secret)
        #expect(response.status == .ok)
        return try decode(TokenResponse.self, response).accessToken
    }

    func loginResponse(clientId: String, secret: String) async throws -> TestResponse {
        try await execute(uri: "/oauth/token", method: .post,
                          headers: [.authorization: TokenEndpoint.basicAuthorization(clientId: clientId, clientSecret: secret),
                                    .contentType: "application/x-www-form-urlencoded"],
                          body: ByteBuffer(string: TokenEndpoint.formBody))
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: (any Encodable)? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: WireCoding.encode(AnyEncodable(json)))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    func get(_ uri: String, token: String?) async throws -> TestResponse {
        try await call(.get, uri, token: token)
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    try WireCoding.decode(type, from: Data(buffer: response.body))
}

func bodyText(_ response: TestResponse) -> String {
    String(buffer: response.body)
}

func refreshesPath(_ sandboxId: String = "sandbox-dev-01") -> String {
    "/api/v2/sandboxes/\(sandboxId)/refreshes"
}
