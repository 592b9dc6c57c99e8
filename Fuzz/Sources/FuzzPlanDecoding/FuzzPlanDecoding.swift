import Foundation
import FuzzSupport
import GenesysWire
import RefreshPlan
import YAMLDocument

// YAML text -> plan: PlanLoader (document layer, `extends` merge, decoding, policy rules) with
// an in-memory file system and a fixed environment, so nothing is read from disk and no secret
// resolves from the real environment.
//
// Input: the plan file `plan.yaml`; a line `#@file NAME` starts another in-memory file (what
// `extends` and `${file:...}` secrets may name), so one input can hold a plan and its bases.
//
// Properties besides "no crash":
// - every diagnostic names a loaded file (or plan.yaml) and its mark lies inside that file;
// - a plan comes back exactly when no diagnostic is an error and the plan is not abstract;
// - rendering (plain, colored, JSON) works; the JSON is an array with one object per diagnostic;
// - no environment value appears in any output (secrets are never resolved while loading);
// - a literal secret (a scalar where a sensitive span of a source starts) never appears in a
//   diagnostic's message, help, notes or suggestion, nor in the rendered output (checked for
//   each of its words that mixes letters and digits and occurs nowhere else in the input);
// - a decoded plan encodes to JSON (as saved plans do), and decoding that JSON and encoding it
//   again gives the same bytes.

let mainPath = "plan.yaml"
let separator = Array("#@file ".utf8)

let environment: [String: String] = {
    let names = ["GENESYS_PROD_CLIENT_ID", "GENESYS_PROD_CLIENT_SECRET", "GENESYS_DEV_CLIENT_ID", "GENESYS_DEV_CLIENT_SECRET",
                 "GENESYS_QA_CLIENT_ID", "GENESYS_QA_CLIENT_SECRET", "GENESYS_AUDIT_CLIENT_ID", "MASKING_HASH_KEY",
                 "PLATFORM_ALERT_WEBHOOK", "PROD_ID", "PROD_SECRET", "DEV_ID", "DEV_SECRET", "HASH", "HOOK"]
    return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, "zq\($0)-ENVVALUE-\($1.lowercased())") })
}()

/// Words the diagnostics may print on their own (keys, allowed values, help texts): a
/// "secret" that is one of them can show up in a message without having leaked.
let vocabulary = PlanSchema.jsonSchema() + PlanReference.markdown()

/// Splits the input into files: the first part is plan.yaml, each `#@file NAME` line starts NAME.
func files(_ bytes: [UInt8]) -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    var name = mainPath
    var current: [UInt8] = []
    var lineStart = 0
    var i = 0
    func flush() { if result[name] == nil { result[name] = current } }
    while i <= bytes.count {
        if i == bytes.count || bytes[i] == 0x0A {
            let line = Array(bytes[lineStart..<i])
            if line.starts(with: separator) {
                flush()
                name = String(decoding: line.dropFirst(separator.count), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                current = []
            } else {
                current += line
                if i < bytes.count { current.append(0x0A) }
            }
            lineStart = i + 1
        }
        i += 1
    }
    flush()
    return result
}

/// Literal secrets as written: the scalars that start where a source's sensitive spans start
/// (found by parsing the source again), cut into words. A word is kept when it is long enough
/// to be recognisable, mixes letters and digits, occurs exactly once in all input files and is
/// no word the diagnostics use anyway; such a word in a message or in the rendered output can
/// only have leaked.
func secretWords(_ sources: [SourceFile], allText: String) -> [String] {
    var words: [String] = []
    for source in sources where !source.sensitiveSpans.isEmpty {
        guard let root = try? YAMLParser.parse(bytes: Array(source.text.utf8)) else { continue }
        let starts = Set(source.sensitiveSpans.map { SourceMark(line: $0.line, column: $0.column) })
        var texts: [String] = []
        func visit(_ node: YAMLNode) {
            switch node.content {
            case .scalar(let scalar): if starts.contains(node.mark) { texts.append(scalar.text) }
            case .sequence(let items): items.forEach(visit)
            case .mapping(let pairs): for pair in pairs { visit(pair.key); visit(pair.value) }
            }
        }
        visit(root)
        for text in texts {
            // Letters, digits and underscores only, with at least one letter and one digit: a
            // message is made of keys, paths and English words, which such a token is not
            // (unless it was copied from the input, where it then occurs more than once).
            let tokens = text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }
            for word in tokens where word.count >= 6 && word.contains(where: \.isNumber) && word.contains(where: \.isLetter) {
                let candidate = String(word)
                guard allText.components(separatedBy: candidate).count == 2,
                      !vocabulary.localizedCaseInsensitiveContains(candidate) else { continue }
                words.append(candidate)
            }
        }
    }
    return words
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    var fileSystem = files(bytes)
    fileSystem["/run/secrets/genesys-audit-client-secret"] = Array("file-secret\n".utf8)
    let inMemory = fileSystem
    let loader = PlanLoader(environment: environment, readFile: { path in
        guard let content = inMemory[path] else { throw PlanLoader.ReadError("no such file") }
        guard content.count <= YAMLLimits.plans.maxInputBytes else { throw PlanLoader.ReadError("too large", tooLarge: true) }
        return content
    })
    let main = String(decoding: fileSystem[mainPath] ?? [], as: UTF8.self)
    let result = loader.load(text: main, path: mainPath)

    // Positions.
    let paths = Set(result.sources.map(\.path)).union([mainPath])
    let texts = Dictionary(result.sources.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
    for diagnostic in result.diagnostics {
        Fuzz.check(paths.contains(diagnostic.file), "diagnostic \(diagnostic.code) names \(diagnostic.file), which was not loaded")
        Fuzz.check(diagnostic.length >= 1, "diagnostic \(diagnostic.code) underlines \(diagnostic.length) characters")
        guard let mark = diagnostic.mark else { continue }
        let text = texts[diagnostic.file] ?? main
        let utf8 = Array(text.utf8)
        let maxLine = TextShape.maxMarkLine(utf8)
        Fuzz.check((1...maxLine).contains(mark.line) && (1...(utf8.count + 1)).contains(mark.column),
                   "diagnostic \(diagnostic.code) at \(mark) outside \(diagnostic.file) (\(maxLine) lines, \(utf8.count) bytes): \(diagnostic.message)")
    }

    // Outcome.
    let hasErrors = result.diagnostics.contains { $0.severity == .error }
    Fuzz.check((result.plan != nil) == (!hasErrors && !result.isAbstract),
               "plan is \(result.plan == nil ? "nil" : "present") with errors=\(hasErrors) abstract=\(result.isAbstract)")

    // Rendering.
    let plain = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false)
    let colored = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: true)
    let json = DiagnosticRenderer.json(result.diagnostics)
    _ = DiagnosticRenderer.summary(result.diagnostics)
    let array = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any]
    Fuzz.check(array?.count == result.diagnostics.count, "diagnostics JSON is not an array of \(result.diagnostics.count) objects")

    // Secrets.
    let outputs = [plain, colored, json]
    for value in environment.values {
        Fuzz.check(!outputs.contains { $0.contains(value) }, "an environment value reached the output")
    }
    let allText = fileSystem.values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\u{0}")
    for secret in secretWords(result.sources, allText: allText) {
        for diagnostic in result.diagnostics {
            let words = [diagnostic.message, diagnostic.help ?? "", diagnostic.suggestion ?? ""] + diagnostic.notes
            Fuzz.check(!words.contains { $0.contains(secret) }, "literal secret leaked into \(diagnostic.code): \(diagnostic.message)")
        }
        Fuzz.check(!plain.contains(secret), "literal secret '\(secret)' leaked into the rendered diagnostics:\n"
                   + plain.split(separator: "\n").filter { $0.contains(secret) }.joined(separator: "\n"))
    }

    // A decoded plan survives saving.
    if let plan = result.plan {
        let encoder = WireCoding.encoder()
        guard let first = try? encoder.encode(plan) else { Fuzz.fail("a decoded plan does not encode to JSON") }
        let decoded: Plan
        do { decoded = try WireCoding.decode(Plan.self, from: first) } catch {
            Fuzz.fail("an encoded plan does not decode: \(error)\n\(String(decoding: first, as: UTF8.self))")
        }
        let second = try? encoder.encode(decoded)
        Fuzz.check(second == first, "plan JSON changes on a round trip:\n\(String(decoding: first, as: UTF8.self))\n\(String(decoding: second ?? Data(), as: UTF8.self))")
    }
    return 0
}

#if FUZZING
/// The entry point SwiftPM links for this executable (see `Fuzz.runDriver`).
@_cdecl("FuzzPlanDecoding_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
#else
@main struct Replay {
    static func main() { Fuzz.replay("FuzzPlanDecoding", fuzz) }
}
#endif
