import Foundation
import Testing
@testable import RefreshPlan

@Suite struct RendererTests {
    @Test func rustcStyleCaretOutput() throws {
        let path = TestSupport.fixture("typo-refresh.yaml")
        let result = PlanLoader(environment: ["PROD_ID": "a", "PROD_SECRET": "b", "DEV_ID": "c", "DEV_SECRET": "d"]).load(path: path)
        let d = try #require(result.diagnostics.first { $0.code == "SR004" })
        let text = DiagnosticRenderer.render([d], sources: result.sources, color: false)
        #expect(text == """
        \(path):12:3: error[SR004]: unknown key 'scop' in 'refresh'; did you mean 'scope'?
           |
        12 |   scop: [ARCHITECT, ROUTING]
           |   ^^^^

        """)
    }

    /// A file name with a line break, a key spelling an ANSI escape, a raw escape in the file:
    /// nothing from the plan or the file system can start a line or recolour a CI log.
    @Test func controlCharactersFromThePlanOrItsNameArePrintedSpelledOut() throws {
        let path = "fleet/evil\nplan.yaml"
        func render(_ yaml: String, _ code: RuleCode) throws -> String {
            let result = PlanLoader(environment: [:], readFile: { _ in Array(yaml.utf8) }).load(path: path)
            let found = try #require(result.diagnostics.first { $0.code == code.rawValue }, "\(result.diagnostics)")
            return DiagnosticRenderer.render([found], sources: result.sources, color: false)
        }
        let quoted = try render("version: 1\nname: evil\n\"re\\e[31mfresh\": {}\n", .unknownKey)
        #expect(quoted.hasPrefix("fleet/evil\\nplan.yaml:3:1: error[SR004]: unknown key 're\\u{1B}[31mfresh'"), "\(quoted)")
        let raw = try render("version: 1\nname: evil\n# \u{1B}[31m red\n", .yamlSyntax)
        #expect(raw.contains("3 | # \u{FFFD}[31m red"), "the quoted line keeps its columns: \(raw)")
        for text in [quoted, raw] {
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" }, "no raw escape: \(text)")
            #expect(text.split(separator: "\n").filter { $0.contains("error[") }.count == 1, "one header line: \(text)")
        }
        #expect(PrintableText.escaped("") == "''" && PrintableText.escaped("a\u{2028}b\tc") == "a\\u{2028}b\\tc")
    }

    /// The byte scan that decides whether a text needs escaping agrees with the scalar test,
    /// for every scalar of the first planes' interesting part and wherever it sits in the text.
    @Test func theControlCharacterByteScanAgreesWithTheScalarTest() {
        let scalars = (0...0x3000).compactMap(Unicode.Scalar.init) + ["\u{FFFD}", "\u{1F600}", "\u{E0001}"]
        for scalar in scalars {
            let control = PrintableText.isControl(scalar)
            for text in [String(scalar), "ab" + String(scalar), String(scalar) + "é", "\u{2000}" + String(scalar) + "\u{C2}"] {
                #expect(PrintableText.hasControl(text, exceptTab: false) == control, "U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
                #expect(PrintableText.hasControl(text, exceptTab: true) == (control && scalar != "\t"), "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func helpAndNotesFollowTheSnippet() {
        let source = SourceFile(path: "p.yaml", text: "a: 1\nbb: 2\n")
        let d = Diagnostic(.unknownKey, "unknown key 'bb'", file: "p.yaml", mark: .init(line: 2, column: 1), length: 2,
                           help: "remove it", notes: ["first", "second"])
        let text = DiagnosticRenderer.render([d], sources: [source], color: false)
        #expect(text == "p.yaml:2:1: error[SR004]: unknown key 'bb'\n  |\n2 | bb: 2\n  | ^^\n  = help: remove it\n  = note: first\n  = note: second\n")
    }

    @Test func missingSourceStillGivesFileLineColumn() {
        let d = Diagnostic(.fileUnreadable, "cannot read x.yaml: no such file", file: "x.yaml", mark: .start)
        #expect(DiagnosticRenderer.render([d], sources: [], color: false) == "x.yaml:1:1: error[SR001]: cannot read x.yaml: no such file\n")
    }

    @Test func colorUsesAnsiAndPlainDoesNot() {
        let source = SourceFile(path: "p.yaml", text: "a: 1\n")
        let error = Diagnostic(.unknownKey, "e", file: "p.yaml", mark: .start)
        let warning = Diagnostic(.unsetEnvironment, "w", file: "p.yaml", mark: .start)
        let colored = DiagnosticRenderer.render([error, warning], sources: [source], color: true)
        #expect(colored.contains("\u{1B}[1;31merror[SR004]"))
        #expect(colored.contains("\u{1B}[1;33mwarning[SR020]"))
        #expect(!DiagnosticRenderer.render([error, warning], sources: [source], color: false).contains("\u{1B}"))
    }

    @Test func jsonCarriesPositionsAndCodes() throws {
        let result = TestSupport.load(TestPlans.plan(refresh: "  scop: x"))
        let json = DiagnosticRenderer.json(result.diagnostics)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let first = try #require(array.first)
        #expect(first["code"] as? String == "SR004")
        #expect(first["line"] as? Int == 11 && first["column"] as? Int == 3)
        #expect(first["severity"] as? String == "error")
        #expect(first["suggestion"] as? String == "scope")
        let decoded = try JSONDecoder().decode([Diagnostic].self, from: Data(json.utf8))
        #expect(decoded == result.diagnostics)
    }

    @Test func summaryCountsBySeverity() {
        let e = Diagnostic(.unknownKey, "e", file: "f", mark: .start)
        let w = Diagnostic(.unsetEnvironment, "w", file: "f", mark: .start)
        #expect(DiagnosticRenderer.summary([e, e, w]) == "2 errors, 1 warning")
        #expect(DiagnosticRenderer.summary([]) == "no problems")
    }
}

@Suite struct RendererEdgeTests {
    @Test func outOfRangeMarksDoNotTrap() {
        let source = SourceFile(path: "p.yaml", text: "a: 1\n")
        for mark in [SourceMark(line: 0, column: 0), SourceMark(line: 1, column: 0), SourceMark(line: 1, column: 99), SourceMark(line: 99, column: 1)] {
            let d = Diagnostic(.unknownKey, "x", file: "p.yaml", mark: mark, length: 50)
            #expect(DiagnosticRenderer.render([d], sources: [source], color: false).hasPrefix("p.yaml:"))
        }
    }

    /// Marks come from libyaml, which also breaks lines at a lone CR, NEL, LS and PS; the quoted
    /// line must be the one the mark counts (found by FuzzPlanDecoding, see SecretTests).
    @Test func linesAreCountedAsLibyamlCountsThem() {
        let source = SourceFile(path: "p.yaml", text: "a\r\nb\rc\u{85}d\u{2028}e\u{2029}f\ng")
        #expect((1...7).map { DiagnosticRenderer.line($0, of: source) } == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(DiagnosticRenderer.line(8, of: source) == nil)
        #expect(DiagnosticRenderer.line(2, of: SourceFile(path: "p.yaml", text: "a\n")) == "")
    }
}
