import Testing
@testable import YAMLDocument

@Suite("YAML document layer")
struct YAMLParserTests {
    @Test func marksAreOneBased() throws {
        let root = try YAMLParser.parse("name: dev\nrefresh:\n  scope: [ARCHITECT, ROUTING]\n")
        #expect(root.mark == SourceMark(line: 1, column: 1))
        let refresh = try #require(root["refresh"])
        #expect(refresh.mark == SourceMark(line: 3, column: 3))
        let scope = try #require(refresh["scope"]?.sequence)
        #expect(scope.map(\.mark) == [SourceMark(line: 3, column: 11), SourceMark(line: 3, column: 22)])
        let key = try #require(refresh.mapping?.first?.key)
        #expect(key.mark == SourceMark(line: 3, column: 3))
    }

    /// Small mappings compare keys directly, large ones hash them: both find the duplicate.
    @Test(arguments: [3, 40])
    func duplicateKeysAreFoundInSmallAndLargeMappings(keys: Int) throws {
        let unique = (1...keys).map { "k\($0): \($0)\n" }.joined()
        let root = try YAMLParser.parse(unique)
        #expect(root.mapping?.map(\.key.scalar?.text) == (1...keys).map { "k\($0)" })
        #expect(root["k\(keys)"]?.scalar?.value == .int(keys))
        #expect {
            try YAMLParser.parse(unique + "k2: again\n")
        } throws: { error in
            (error as? YAMLError).map { $0.kind == .duplicateKey && $0.mark.line == keys + 1 && $0.relatedMark?.line == 2 } ?? false
        }
    }

    @Test func duplicateKeysNameBothLines() {
        let text = "refresh:\n  scope: [ROUTING]\n  maxWait: 1h\n  scope: [ARCHITECT]\n"
        #expect {
            try YAMLParser.parse(text)
        } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.kind == .duplicateKey && error.mark.line == 4 && error.relatedMark?.line == 2
                && error.message.contains("line 2") && error.message.contains("line 4")
        }
    }

    @Test(arguments: [
        ("yes", YAMLValue.string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
        ("true", .bool(true)), ("False", .bool(false)), ("012", .int(12)), ("0o17", .int(15)), ("0x1F", .int(31)),
        ("1:30", .string("1:30")), ("-7", .int(-7)), ("2.5", .float(2.5)), ("1e3", .float(1000)), ("~", .null),
        ("null", .null), ("15s", .string("15s")), ("'true'", .string("true")), ("\"12\"", .string("12")),
    ])
    func coreSchemaResolution(source: String, expected: YAMLValue) throws {
        let root = try YAMLParser.parse("value: \(source)\n")
        #expect(root["value"]?.scalar?.value == expected)
    }

    @Test func emptyValueIsNull() throws {
        let root = try YAMLParser.parse("value:\n")
        #expect(root["value"]?.scalar?.value == .null)
    }

    @Test func billionLaughsIsRejectedQuickly() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let started = ContinuousClock.now
        #expect(throws: YAMLError.self) { try YAMLParser.parse(text) }
        do {
            _ = try YAMLParser.parse(text)
        } catch {
            #expect(error.kind == .tooManyNodes || error.kind == .tooManyAliases)
        }
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func aliasesExpandWithinLimits() throws {
        let root = try YAMLParser.parse("base: &b {x: 1}\ncopy: *b\n")
        #expect(root["copy"]?["x"]?.scalar?.value == .int(1))
    }

    @Test func nestingDepthIsBounded() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        do {
            _ = try YAMLParser.parse(deep)
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.kind == .tooDeep)
            #expect(error.mark.line == 1 && error.mark.column == 65)
        }
    }

    @Test func inputSizeIsBounded() {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
        do {
            _ = try YAMLParser.parse(bytes: big)
            Issue.record("10 MB input was accepted")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    @Test func unknownTagsAreRejected() {
        do {
            _ = try YAMLParser.parse("value: !ruby/object {}\n")
            Issue.record("unknown tag accepted")
        } catch {
            #expect(error.kind == .unknownTag)
            #expect(error.mark == SourceMark(line: 1, column: 8))
        }
    }

    @Test func coreTagsAreHonoured() throws {
        let root = try YAMLParser.parse("a: !!str 12\nb: !!int '7'\n")
        #expect(root["a"]?.scalar?.value == .string("12"))
        #expect(root["b"]?.scalar?.value == .int(7))
    }

    @Test func multipleDocumentsAreRejected() {
        do {
            _ = try YAMLParser.parse("a: 1\n---\nb: 2\n")
            Issue.record("second document accepted")
        } catch {
            #expect(error.kind == .multipleDocuments)
            #expect(error.mark.line == 2)
        }
    }

    @Test func syntaxErrorsCarryLibyamlPosition() {
        do {
            _ = try YAMLParser.parse("refresh:\n  scope: [ROUTING\n  maxWait: 1h\n")
            Issue.record("broken flow sequence accepted")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.mark.line >= 2)
        }
    }

    @Test func invalidUTF8IsReportedWithPosition() {
        let bytes: [UInt8] = Array("name: ok\nbad: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        do {
            _ = try YAMLParser.parse(bytes: bytes)
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.kind == .invalidEncoding)
            #expect(error.mark.line == 2)
        }
    }

    @Test func emptyDocumentIsAnError() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("# only a comment\n") }
    }

    @Test func complexKeysAreRejected() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("? [a, b]\n: 1\n") }
    }

    /// A scalar folded over several lines has no line break in its text; `end` tells where it
    /// stops (the plan loader masks secrets up to there, see FuzzPlanDecoding).
    @Test func scalarsRecordWhereTheyEnd() throws {
        let root = try YAMLParser.parse("a: {b: first\n    second, c: 1}\nd: \"x\n\n  y\"\ne: one\n")
        let folded = try #require(root["a"]?["b"])
        #expect(folded.scalar?.text == "first second")
        #expect(folded.mark == SourceMark(line: 1, column: 8))
        #expect(folded.end == SourceMark(line: 2, column: 11))
        let quoted = try #require(root["d"])
        #expect(quoted.scalar?.text == "x\ny")
        #expect(quoted.end == SourceMark(line: 5, column: 5))
        let single = try #require(root["e"])
        #expect(single.mark == SourceMark(line: 6, column: 4))
        #expect(single.end == SourceMark(line: 6, column: 7))
    }
}
