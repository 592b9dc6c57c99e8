@testable import Simulation
import Testing

@Suite("leak scanner")
struct LeakScannerTests {
    @Test func findsEveryKindOfRegisteredValueInsideLongerTextAndNothingElse() {
        var scanner = LeakScanner()
        let token = "tok0123456789abcdefABCDEF0123456789"
        let secret = "S3cr3tValueThatIsLong42"
        let basic = "cHJvZC1jbGllbnQ6c2VjcmV0LXZhbHVlLTEyMw=="
        scanner.addSecret(token)
        scanner.addSecret(secret)
        scanner.addSecret(basic)
        scanner.addSecret("short")  // too short to register: never reported
        scanner.addPII(from: "card 4111 1111 1111 1111 and ssn 123-45-6789")
        #expect(scanner.scan("Authorization: Bearer \(token)") == "a token or client secret")
        #expect(scanner.scan("x=\(secret)&y=1") == "a token or client secret")
        #expect(scanner.scan("glued:pre\(secret)post") == "a token or client secret", "found inside a longer run")
        #expect(scanner.scan("Authorization: Basic \(basic)") == "a token or client secret")
        #expect(scanner.scan("paid with 4111-1111-1111-1111 today") == "a raw card number")
        #expect(scanner.scan("id 123 45 6789") == "a raw SSN")
        #expect(scanner.scan("nothing here short 4111 1111 1111 1112 and 123-45-6780") == nil)
        #expect(scanner.scan("S3cr3tValueThatIsLong4") == nil, "a prefix is not the secret")
    }

    @Test func manyRegisteredValuesOfOneLengthAreStillFound() {
        var scanner = LeakScanner()
        let values = (0..<500).map { "client-secret-\(String($0).leftPadded(to: 6))".replacingOccurrences(of: "-", with: "X") }
        for value in values { scanner.addSecret(value) }
        #expect(values.allSatisfy { scanner.scan("log line with \($0) inside") != nil })
        #expect(scanner.scan("log line with clientXsecretX999999 inside") == nil)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
