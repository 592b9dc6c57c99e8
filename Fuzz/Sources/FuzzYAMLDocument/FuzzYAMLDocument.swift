import FuzzSupport
import YAMLDocument

// YAML text -> document (YAMLParser over libyaml, with its limits).
//
// Properties besides "no crash, no sanitizer report":
// - every mark (node starts and ends, errors, an error's related mark) lies inside the input:
//   line from 1 to the number of line breaks + 1 (+ 1 more when the last line is unterminated:
//   libyaml ends such a stream on a line of its own), column from 1 to the input length + 1;
//   and no node ends before it starts;
// - limits only restrict: with tighter limits the parse either gives the same document, or
//   fails with a limit error (tooLarge, tooDeep, tooManyAliases, tooManyNodes) where the
//   default limits succeeded; a success under tight limits is a success under the defaults.

let tight = YAMLLimits(maxInputBytes: 2048, maxDepth: 6, maxAliases: 3, maxExpandedNodes: 150)
let limitKinds: Set<YAMLError.Kind> = [.tooLarge, .tooDeep, .tooManyAliases, .tooManyNodes]

struct Bounds {
    let maxLine: Int
    let maxColumn: Int

    init(_ bytes: [UInt8]) {
        maxLine = TextShape.maxMarkLine(bytes)
        maxColumn = bytes.count + 1
    }

    func check(_ mark: SourceMark, _ what: String) {
        Fuzz.check((1...maxLine).contains(mark.line) && (1...maxColumn).contains(mark.column),
                   "\(what) mark \(mark) outside the input (lines 1...\(maxLine), columns 1...\(maxColumn))")
    }

    func check(_ node: YAMLNode) {
        check(node.mark, "node")
        check(node.end, "node end")
        Fuzz.check(node.mark <= node.end, "node ends at \(node.end), before it starts at \(node.mark)")
        switch node.content {
        case .scalar: break
        case .sequence(let items): for item in items { check(item) }
        case .mapping(let pairs):
            for pair in pairs {
                check(pair.key)
                check(pair.value)
            }
        }
    }

    func check(_ error: YAMLError) {
        check(error.mark, "error (\(error.kind)) '\(error.message)'")
        if let related = error.relatedMark { check(related, "related") }
        Fuzz.check(!error.message.isEmpty, "error \(error.kind) without a message")
    }
}

/// `==`, except that NaN equals NaN (`.nan` is a valid scalar).
func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
    guard a.mark == b.mark, a.end == b.end, a.tag == b.tag else { return false }
    switch (a.content, b.content) {
    case (.scalar(let x), .scalar(let y)):
        if case .float(let u) = x.value, case .float(let v) = y.value, u.isNaN, v.isNaN {
            return x.text == y.text && x.style == y.style
        }
        return x == y
    case (.sequence(let x), .sequence(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.mapping(let x), .mapping(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
    default:
        return false
    }
}

func parse(_ bytes: [UInt8], _ limits: YAMLLimits) -> Result<YAMLNode, YAMLError> {
    do throws(YAMLError) {
        return .success(try YAMLParser.parse(bytes: bytes, limits: limits))
    } catch {
        return .failure(error)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let bounds = Bounds(bytes)
    let full = parse(bytes, .plans)
    switch full {
    case .success(let root): bounds.check(root)
    case .failure(let error): bounds.check(error)
    }
    let restricted = parse(bytes, tight)
    switch (restricted, full) {
    case (.success(let a), .success(let b)):
        Fuzz.check(same(a, b), "tight and default limits parsed different documents")
    case (.success, .failure(let error)):
        Fuzz.fail("tight limits accepted what the defaults refused: \(error.kind) at \(error.mark): \(error.message)")
    case (.failure(let error), .success):
        bounds.check(error)
        Fuzz.check(limitKinds.contains(error.kind), "tight limits failed with \(error.kind), not a limit: \(error.message)")
    case (.failure(let error), .failure):
        bounds.check(error)
    }
    return 0
}

#if FUZZING
/// The entry point SwiftPM links for this executable (see `Fuzz.runDriver`).
@_cdecl("FuzzYAMLDocument_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
#else
@main struct Replay {
    static func main() { Fuzz.replay("FuzzYAMLDocument", fuzz) }
}
#endif
