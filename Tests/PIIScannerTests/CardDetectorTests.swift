import Testing
@testable import PIIScanner

@Suite struct CardDetectorTests {
    static let validIssuers: [(String, Int)] = [
        ("4", 13), ("4", 16), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("2500", 16), ("2720", 16),
        ("34", 15), ("37", 15), ("6011", 16), ("644", 16), ("649", 19), ("65", 16), ("3528", 16), ("3589", 19),
        ("36", 14), ("38", 14), ("300", 14), ("305", 16), ("62", 16), ("62", 19),
    ]

    @Test(arguments: validIssuers)
    func validIssuerRangesAreFound(prefix: String, length: Int) {
        let card = Cards.make(prefix, length: length)
        #expect(Scan.matchedText("card \(card) on file") == [card])
        #expect(CardIssuer.identify(Cards.digits(card)) != nil)
    }

    static let invalidIssuers: [(String, Int)] = [
        ("1", 16), ("2220", 16), ("2721", 16), ("50", 16), ("56", 16), ("3527", 16), ("3590", 16), ("306", 14),
        ("39", 16), ("6010", 16), ("643", 16), ("66", 16), ("7", 16), ("8", 16), ("9", 16), ("0", 16),
        // Allocated prefixes at lengths the network does not issue.
        ("34", 16), ("37", 14), ("51", 15), ("2221", 19), ("4", 15), ("4", 14), ("6011", 15), ("36", 13),
    ]

    @Test(arguments: invalidIssuers)
    func unallocatedPrefixesOrLengthsAreNotFindings(prefix: String, length: Int) {
        let card = Cards.make(prefix, length: length)
        #expect(Scan.detectors("ref \(card) end").isEmpty)
    }

    @Test(arguments: ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000", "30569309025904"])
    func luhnFailuresAreNotFindings(card: String) {
        #expect(Scan.matchedText(card) == [card])
        #expect(Scan.detectors(Cards.broken(card)).isEmpty)
    }

    @Test func usualGroupingsWithSpacesOrDashes() {
        let visa = Cards.make("4", length: 16), amex = Cards.make("37", length: 15), diners = Cards.make("36", length: 14)
        let visa19 = Cards.make("4", length: 19)
        for separator in [" ", "-"] {
            for text in [Cards.group(visa, [4, 4, 4, 4], separator), Cards.group(amex, [4, 6, 5], separator),
                         Cards.group(diners, [4, 6, 4], separator), Cards.group(visa19, [4, 4, 4, 4, 3], separator)] {
                #expect(Scan.matchedText("paid with \(text).") == [text])
            }
        }
    }

    @Test func unusualGroupingsAreNotFindings() {
        let visa = Cards.make("4", length: 16)
        #expect(Scan.detectors(Cards.group(visa, [4, 4, 4, 4], "  ")).isEmpty)      // double separator
        #expect(Scan.detectors(Cards.group(visa, [8, 8], " ")).isEmpty)             // not a card grouping
        #expect(Scan.detectors(Cards.group(visa, [2, 4, 4, 4, 2], " ")).isEmpty)
        // Mixed separators break the grouping.
        #expect(Scan.detectors("4111 1111-1111 1111").isEmpty)
    }

    @Test func boundaries() {
        let card = "4111111111111111"
        #expect(Scan.matchedText("(\(card))") == [card])
        #expect(Scan.matchedText("\"pan\":\"\(card)\",") == [card])
        #expect(Scan.matchedText(card) == [card])
        #expect(Scan.matchedText("a,\(card),b") == [card])
        #expect(Scan.detectors("x\(card)").isEmpty)
        #expect(Scan.detectors("\(card)x").isEmpty)
        #expect(Scan.detectors("_\(card)").isEmpty)
        #expect(Scan.detectors("+\(card)").isEmpty)
    }

    @Test func aDigitRunInsideALongerRunIsNotAFinding() {
        let card = "4111111111111111"
        #expect(Scan.detectors("123\(card)456").isEmpty)
        #expect(Scan.detectors("0\(card)").isEmpty)
        #expect(Scan.detectors("ref 12-\(card)").isEmpty)
        #expect(Scan.detectors("\(card)-77").isEmpty)
        #expect(Scan.detectors("4111-1111-1111-1111-2222-3333").isEmpty)
    }

    @Test(arguments: [
        "550e8400-e29b-41d4-a716-446655440000", "12345678-4111-1111-1111-111111111111",
        "abcdefab-4111-1111-1111-111111111111", "a1b2c3d4-4111-1111-1111-1111abcdabcd",
    ])
    func uuidsAreNotFindings(uuid: String) {
        #expect(Scan.detectors("id \(uuid) ok").isEmpty)
    }

    @Test(arguments: [
        "2024-03-15T10:22:33Z", "2024-03-15 10:22:33.4111111111111111", "1710498153123", "1710498153123456",
        "1710498153123456789", "20240315102233", "t=4111111111111111.5", "v4111111111111111", "1.4111111111111111",
        "4111111111111111.1.0", "10:4111111111111111", "2024/4111111111111111",
    ])
    func timestampsAndVersionStringsAreNotFindings(text: String) {
        #expect(Scan.detectors(text).isEmpty)
    }

    @Test func sentencePunctuationAfterACardIsABoundary() {
        #expect(Scan.matchedText("My card is 4111111111111111.") == ["4111111111111111"])
        #expect(Scan.matchedText("4111 1111 1111 1111 12/28") == ["4111 1111 1111 1111"])
    }

    /// The 19-digit policy: `4-4-4-4-3` with one separator is one 19-digit number when its
    /// network issues 19-digit cards (Visa, UnionPay, ...), judged as a whole; otherwise (a
    /// Mastercard, a CVV after another separator) the trailing group is not part of the card.
    @Test func nineteenDigitGroupsAreOneNumberWhenTheNetworkIssuesThatLength() {
        for prefix in ["4", "62"] {
            let card = Cards.make(prefix, length: 16)
            let grouped = Cards.group(card, [4, 4, 4, 4], " ")
            for tail in ["417", "230", "999"] where !Luhn.isValid(Cards.digits(card + tail)) {
                #expect(Scan.detectors("\(grouped) \(tail)").isEmpty, "\(prefix) + \(tail)")
                #expect(Scan.matchedText("\(grouped), \(tail)") == [grouped])
                #expect(Scan.matchedText("\(grouped) cvv \(tail)") == [grouped])
            }
            let valid19 = Cards.make(prefix, length: 19)
            #expect(Scan.matchedText(Cards.group(valid19, [4, 4, 4, 4, 3], " ")) == [Cards.group(valid19, [4, 4, 4, 4, 3], " ")])
        }
        let mastercard = Cards.group(Cards.make("55", length: 16), [4, 4, 4, 4], " ")
        #expect(Scan.matchedText("\(mastercard) 417") == [mastercard])
        // A rejected 19-digit number is skipped whole: its groups 2-5 (`3758 6761 2376 532`,
        // an Amex length that passes Luhn) are not tried as a card of their own.
        #expect(Scan.detectors("support 6250 3758 6761 2376 532 order").isEmpty)
        #expect(Scan.detectors("support 3758 6761 2376 532 order") == [.creditCard])
    }

    /// The scanner's fast issuer test agrees with `identify` on every 4-digit prefix and length.
    @Test func fastIssuerTestAgreesWithIdentify() {
        for prefix in 0..<10_000 {
            let head: [UInt8] = [UInt8(prefix / 1000), UInt8(prefix / 100 % 10), UInt8(prefix / 10 % 10), UInt8(prefix % 10)]
            for length in 12...20 {
                let digits = head + [UInt8](repeating: 0, count: length - 4)
                let fast = head.withUnsafeBufferPointer { CardIssuer.issues(prefix: $0, length: length) }
                if fast != (CardIssuer.identify(digits) != nil) { Issue.record("prefix \(prefix) length \(length)") }
            }
        }
    }

    @Test func issuerPrefixLengths() {
        #expect(CardIssuer.prefixLength(Cards.digits(Cards.make("2221", length: 16))) == 4)
        #expect(CardIssuer.prefixLength(Cards.digits(Cards.make("6011", length: 16))) == 4)
        #expect(CardIssuer.prefixLength(Cards.digits(Cards.make("645", length: 16))) == 3)
        #expect(CardIssuer.prefixLength(Cards.digits(Cards.make("301", length: 14))) == 3)
        #expect(CardIssuer.prefixLength(Cards.digits(Cards.make("4", length: 16))) == 1)
    }
}
