import Foundation
@testable import GenesysClient
import GenesysWire
import Testing
import Timekeeping

@Suite struct ConfigurationTests {
    @Test func regionHosts() {
        let endpoint = OrganizationEndpoint.region("mypurecloud.ie")
        #expect(endpoint.apiBase.absoluteString == "https://api.mypurecloud.ie")
        #expect(endpoint.loginBase.absoluteString == "https://login.mypurecloud.ie")
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://127.9.3.1", "http://localhost:9000", "http://[::1]:9000", "https://api.example.com"])
    func acceptedBases(_ base: String) throws {
        _ = try OrganizationEndpoint(apiBase: URL(string: base)!, loginBase: URL(string: base)!)
    }

    @Test(arguments: ["http://api.mypurecloud.com", "http://10.0.0.1", "http://127.0.0.1.example.com", "ftp://127.0.0.1", "http://128.0.0.1"])
    func refusedBases(_ base: String) {
        #expect(throws: ClientConfigurationError.self) {
            try OrganizationEndpoint(apiBase: URL(string: base)!, loginBase: URL(string: "https://login.mypurecloud.com")!)
        }
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = ClientCredentials(clientId: "abc", clientSecret: "hunter2")
        #expect(!"\(credentials)".contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
        #expect("\(credentials)".contains("abc"))
    }

    @Test func errorDescriptionTellsWhatHappenedAndWhatWasDone() {
        let attempts = [AttemptRecord(number: 1, startedAt: .epoch, duration: .zero, waitedBefore: .zero, status: 409, networkError: nil, correlationId: "7f3c")]
        let error = APIError(endpoint: "POST /api/v2/sandboxes/sb/refreshes", status: 409, code: "conflict", message: "A refresh is already active", correlationId: "7f3c", attempts: attempts, reason: .notRetryable(status: 409))
        #expect(error.description == "POST /api/v2/sandboxes/sb/refreshes failed: HTTP 409 conflict: A refresh is already active (correlation id 7f3c); not retried (409 is not retryable)")

        let many = (1...5).map { AttemptRecord(number: $0, startedAt: .seconds(Double($0 - 1) * 30), duration: .zero, waitedBefore: .zero, status: 503, networkError: nil, correlationId: nil) }
        let exhausted = APIError(endpoint: "GET /api/v2/flows", status: 503, code: "service.unavailable", message: "down", correlationId: "c", attempts: many, reason: .attemptsExhausted(attempts: 5))
        #expect(exhausted.description.contains("retried 4 times over 2m"))
    }
}
