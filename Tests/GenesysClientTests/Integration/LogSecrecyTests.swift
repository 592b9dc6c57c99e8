import Foundation
@testable import GenesysClient
import GenesysWire
import Testing
import Timekeeping

/// A whole session at trace level, failures included, must leave no credential in the logs
/// or in the errors a person would read.
@Suite struct LogSecrecyTests {
    @Test func neitherSecretNorTokenReachesLogsOrErrors() async throws {
        let script = ScriptedServer.Script(clientSecret: "very-secret-9f1e", expiresIn: 120, rateLimitedLogins: 1, queueCount: 250, failing503: 1)
        try await withFixture(script, configuration: ClientConfiguration(retry: RetryConfiguration(baseDelay: .milliseconds(100)))) { f in
            var errors: [String] = []
            _ = try await f.client.tokenInfo()
            _ = try await f.client.fetchAll(.queues, pageSize: 100, as: Queue.self)
            _ = try await f.client.count(.queues)
            _ = try await f.client.send(get("/test/401-once"))
            _ = try await f.client.send(get("/test/429-then-200"))
            _ = try await f.client.send(get("/test/503-run"))
            _ = try await f.client.send(get("/test/reset-once"))
            f.clock.advance(by: .seconds(120))
            _ = try await f.client.tokenInfo()
            for path in ["/test/409", "/test/401-always", "/test/429-long"] {
                if let error = await expectAPIError({ _ = try await f.client.send(get(path)) }) { errors.append("\(error)") }
            }
            if let error = await expectAPIError({ _ = try await f.client.send(post("/test/reset")) }) { errors.append("\(error)") }

            let tokens = f.server.snapshot.issuedTokens
            #expect(tokens.count >= 3)
            let basic = TokenEndpoint.basicAuthorization(clientId: script.clientId, clientSecret: script.clientSecret)
            let forbidden = tokens + [script.clientSecret, basic, String(basic.dropFirst("Basic ".count))]
            let logs = f.logs.text
            #expect(f.logs.all.count > 40)
            #expect(logs.contains("correlationId=corr-"))
            for secret in forbidden {
                #expect(!logs.contains(secret))
                for error in errors { #expect(!error.contains(secret)) }
            }
            #expect(!logs.lowercased().contains("bearer"))
            #expect(!logs.contains("Queue 1"))  // response bodies stay out of logs
        }
    }
}
