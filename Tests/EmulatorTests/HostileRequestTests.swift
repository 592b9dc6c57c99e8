import EmulatorCore
import Foundation
import GenesysWire
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Requests that once killed the emulator with one call (found while writing the fuzz target
/// `FuzzEmulatorRequests`; their inputs are regression seeds of its corpus).
@Suite("hostile requests to the emulator")
struct HostileRequestTests {
    @Test func aPageNumberNearIntMaxIsAnEmptyPageNotACrash() async throws {
        let h = Harness()
        let response = try await h.test { client in
            let token = try await client.login(h.production)
            return try await client.get("/api/v2/routing/queues?pageSize=100&pageNumber=9223372036854775807", token: token)
        }
        #expect(response.status == .ok)
        let page = try decode(EntityPage<Queue>.self, response)
        #expect(page.entities.isEmpty && page.total > 0)
    }

    @Test func aLoginFormFieldThatIsOnlyAnEqualsSignIsIgnored() async throws {
        let h = Harness()
        let production = h.production
        let response = try await h.test { client in
            try await client.execute(uri: "/oauth/token", method: .post,
                                headers: [.authorization: TokenEndpoint.basicAuthorization(clientId: production.clientId, clientSecret: production.clientSecret),
                                          .contentType: "application/x-www-form-urlencoded"],
                                body: ByteBuffer(string: "=&grant_type=client_credentials&="))
        }
        #expect(response.status == .ok, "\(bodyText(response))")
    }
}
