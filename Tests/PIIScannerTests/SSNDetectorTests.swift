import Testing
@testable import PIIScanner

@Suite struct SSNDetectorTests {
    @Test(arguments: ["536-22-1234", "001-01-0001", "665-99-9999", "899-45-6789", "219-09-9998", "078-05-1121"])
    func validNumbersAreFound(ssn: String) {
        #expect(Scan.matchedText("SSN \(ssn) on file") == [ssn])
        #expect(Scan.detectors(ssn) == [.ssn])
    }

    @Test(arguments: ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "950-55-1234", "123-00-4567", "123-45-0000"])
    func unissuedNumbersAreNotFindings(ssn: String) {
        #expect(Scan.detectors(ssn).isEmpty)
    }

    @Test(arguments: ["078-05-1120", "219-09-9999", "123-45-6789"])
    func sampleNumbersAreNotFindings(ssn: String) {
        #expect(Scan.detectors("example: \(ssn)").isEmpty)
    }

    @Test(arguments: ["1536-22-1234", "536-22-12345", "536-22-1234-5", "9-536-22-1234", "x536-22-1234", "536-22-1234x",
                      "536 22 1234", "536221234", "2024-03-15", "317-555-0123", "1.536-22-1234"])
    func otherShapesAndLongerRunsAreNotFindings(text: String) {
        #expect(Scan.detectors(text).isEmpty)
    }

    @Test func detectorsCanBeSwitchedOff() {
        let text = "536-22-1234 and 4111111111111111"
        #expect(DigitScanner(cards: false, ssns: true).matches(in: text).map(\.detector) == [.ssn])
        #expect(DigitScanner(cards: true, ssns: false).matches(in: text).map(\.detector) == [.creditCard])
    }
}
