import Dispatch
import EmulatorCore
import Foundation
import FuzzSupport
import GenesysWire
import Timekeeping

// Bytes -> a session of HTTP requests handed to the emulator in process (Emulator.serve, the
// function the HTTP server calls; no sockets), with the control surface enabled as in the
// `emulator` command. Each input gets a fresh emulator over one small generated world and a
// virtual clock, so runs replay exactly.
//
// Input: requests separated by lines `===`. A request is
//     @advance SECONDS          (optional, any number: moves the virtual clock first)
//     @faults N                 (optional, first request only: one of the preset fault plans)
//     METHOD /path?query
//     Header-Name: value        (any number)
//                               (an empty line, then the body, if any)
// Placeholders are replaced before a request is read: $PROD_TOKEN, $SBX_TOKEN, $QA_TOKEN,
// $USER_TOKEN (a signed-in user), $LIMITED_TOKEN (a client with only sandbox:view),
// $PROD_BASIC, $SBX_BASIC (HTTP Basic client credentials), $SBX, $QA (sandbox ids), $TABLE,
// $FLOW, $USER (ids from production) and $LAST (the `id` of the last JSON object answered).
//
// Properties besides "no crash":
// - every answer has a status in 100..<600 and an ININ-Correlation-Id (API answers); a 204 has
//   no body, every other answer is a JSON object or array with Content-Type application/json;
//   an API error (>= 400) body carries `message` and `code` (or OAuth's `error`; the control
//   surface's errors carry `message`), and its
//   `status` and `contextId`, when present, repeat the status and the correlation id;
// - transport failures happen only under the fault plans that declare them, and a reset
//   sends at most the whole body;
// - the request log has one entry per request served, with the status answered;
// - the same session on a fresh emulator gives the same answers (the emulator is seeded;
//   checked for inputs whose length is a multiple of 4, to keep the exec rate up).

let spec = WorldSpec(seed: 11, queues: 8, skills: 5, flows: 10, contacts: 12, dataTables: 2, dataTableRows: 8, users: 5, trunks: 2,
                     sandboxes: ["sandbox-dev-01", "sandbox-qa-01"], driftQueues: 2, driftSkills: 1, driftFlows: 1)
let world = World.generate(spec)
let maxRequests = 48

let faultPresets: [FaultPlan] = [
    .none,
    FaultPlan(seed: 1, rules: [FaultRule(name: "burst", kind: .rateLimitBurst(count: 2, retryAfterSeconds: 3),
                                         match: FaultMatch(path: "/api/v2/**"), probability: 0.5, times: 0)]),
    FaultPlan(seed: 2, rules: [
        FaultRule(kind: .serviceUnavailableRun(count: 2), match: FaultMatch(path: "/api/v2/sandboxes/**"), probability: 0.5, times: 0),
        FaultRule(kind: .latency(milliseconds: 1500), match: FaultMatch(method: "POST"), probability: 0.5, times: 0),
    ]),
    FaultPlan(seed: 3, rules: [
        FaultRule(kind: .drop, match: FaultMatch(path: "/api/v2/sandboxes/**", method: "GET"), probability: 0.3, times: 0),
        FaultRule(kind: .resetMidBody, match: FaultMatch(path: "/api/v2/routing/*"), probability: 0.5, times: 0),
    ]),
    FaultPlan(seed: 4, rules: [
        FaultRule(kind: .jobFails(errorMessage: "Import of flow 'Main IVR' failed")),
        FaultRule(kind: .jobStuck(atProgress: 42), times: 2),
    ]),
    FaultPlan(seed: 5, rules: [
        FaultRule(name: "admin", kind: .manualRefresh(atSecond: 60, sandboxId: nil, description: "Refresh for demo", scope: "ALL")),
        FaultRule(kind: .manualRefresh(atSecond: 30, sandboxId: "sandbox-qa-01", description: "QA", scope: "ARCHITECT")),
        FaultRule(kind: .tokenExpiry(atSecond: 600), match: FaultMatch(organization: "production")),
    ]),
]

/// A parsed request, or what stood in its place.
struct Step {
    var advance: Duration = .zero
    var method: String = ""
    var target: String = ""
    var headers: [(String, String)] = []
    var body: [UInt8]?
}

func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0.last == 0x0D ? $0.dropLast() : $0) }
}

/// Blocks between `===` lines.
func blocks(_ bytes: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var current: [UInt8] = []
    for (index, line) in lines(bytes).enumerated() {
        if line == Array("===".utf8) {
            result.append(current)
            current = []
        } else {
            if !current.isEmpty || index > 0 && !result.isEmpty { if !current.isEmpty { current.append(0x0A) } }
            current += line
        }
    }
    result.append(current)
    return result
}

func replace(_ bytes: [UInt8], _ values: [(String, String)]) -> [UInt8] {
    var out = bytes
    for (name, value) in values {
        let pattern = Array(name.utf8)
        guard out.count >= pattern.count, let first = pattern.first else { continue }
        var result: [UInt8] = []
        result.reserveCapacity(out.count)
        var i = 0
        while i < out.count {
            if out[i] == first, i + pattern.count <= out.count, out[i..<(i + pattern.count)].elementsEqual(pattern) {
                result += value.utf8
                i += pattern.count
            } else {
                result.append(out[i])
                i += 1
            }
        }
        out = result
    }
    return out
}

/// Reads one block: directives, request line, headers, blank line, body.
func parse(_ block: [UInt8], faults: inout Int?) -> Step {
    var step = Step()
    let all = lines(block)
    var index = 0
    while index < all.count, all[index].first == UInt8(ascii: "@") {
        let text = String(decoding: all[index], as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0] == "@advance", let seconds = Double(parts[1]), seconds.isFinite {
            step.advance += .milliseconds(Int64(min(max(seconds, 0), 10_000_000) * 1000))
        } else if parts.count == 2, parts[0] == "@faults", faults == nil, let n = Int(parts[1]) {
            faults = ((n % faultPresets.count) + faultPresets.count) % faultPresets.count
        }
        index += 1
    }
    guard index < all.count else { return step }
    let requestLine = String(decoding: all[index], as: UTF8.self)
    let parts = requestLine.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
    step.method = parts.first.map(String.init) ?? ""
    step.target = parts.count > 1 ? String(parts[1]) : "/"
    index += 1
    while index < all.count, !all[index].isEmpty {
        let text = String(decoding: all[index], as: UTF8.self)
        if let colon = text.firstIndex(of: ":") {
            step.headers.append((String(text[..<colon]), String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        index += 1
    }
    if index < all.count {
        let rest = all[(index + 1)...]
        let body = Array(rest.joined(separator: [0x0A]))
        step.body = body.isEmpty ? nil : body
    }
    return step
}

/// What one request got, for comparing two runs.
enum Answer: Hashable {
    case response(Int, [String], Data)
    case failure(String)
    case skipped
}

final class Box<T>: @unchecked Sendable { var value: T? }

func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value!
}

func checkResponse(_ response: WireResponse, control: Bool, what: String) {
    Fuzz.check((100..<600).contains(response.status), "\(what): status \(response.status)")
    let correlation = response.headers[WireHeader.correlationId]
    if !control { Fuzz.check(!(correlation ?? "").isEmpty, "\(what): no correlation id") }
    if response.status == 204 {
        Fuzz.check(response.body.isEmpty, "\(what): 204 with a body")
        return
    }
    Fuzz.check(response.headers["Content-Type"]?.hasPrefix("application/json") == true, "\(what): \(response.status) without a JSON content type")
    guard let json = try? JSONSerialization.jsonObject(with: response.body) else {
        Fuzz.fail("\(what): \(response.status) body is not JSON: \(String(decoding: response.body.prefix(200), as: UTF8.self))")
    }
    Fuzz.check(json is [String: Any] || json is [Any], "\(what): body is a JSON fragment")
    guard response.status >= 400, let object = json as? [String: Any] else { return }
    // The control surface is not the Genesys API: its errors are `{"message": ...}`.
    let shaped = control ? object["message"] is String : (object["message"] is String && object["code"] is String) || object["error"] is String
    Fuzz.check(shaped, "\(what): error body without message/code: \(String(decoding: response.body.prefix(300), as: UTF8.self))")
    if let status = object["status"] as? Int { Fuzz.check(status == response.status, "\(what): body status \(status) != \(response.status)") }
    if let context = object["contextId"] as? String, !control {
        Fuzz.check(context == correlation, "\(what): contextId \(context) != correlation id \(correlation ?? "none")")
    }
}

func session(_ bytes: [UInt8]) async -> [Answer] {
    var faults: Int?
    let parts = Array(blocks(bytes).prefix(maxRequests))
    var steps: [Step] = []
    // Directives of the first block are read before the emulator exists (the fault plan).
    if let first = parts.first { _ = parse(first, faults: &faults) }
    let plan = faultPresets[faults ?? 0]
    let transportFaults = plan.rules.contains { $0.kind == .drop || $0.kind == .resetMidBody }
    let clock = VirtualClock(mode: .autoAdvance)
    let emulator = Emulator(world: world, clock: clock, faults: plan)
    var answers: [Answer] = []
    var served = 0

    func login(_ org: EmulatedOrganization?) async -> String {
        guard let org else { return "" }
        let request = WireRequest(method: .post, url: URL(string: "http://emulator.local/oauth/token")!,
                                  headers: ["Authorization": TokenEndpoint.basicAuthorization(clientId: org.clientId, clientSecret: org.clientSecret),
                                            "Content-Type": "application/x-www-form-urlencoded"],
                                  body: Data(TokenEndpoint.formBody.utf8))
        for _ in 0..<3 {
            served += 1
            if case .response(let response) = await emulator.serve(request).reply, response.status == 200,
               let token = try? WireCoding.decoder.decode(TokenResponse.self, from: response.body) {
                return token.accessToken
            }
        }
        return ""
    }

    let production = emulator.organization(World.productionName)
    let sandbox = emulator.organization("sandbox-dev-01")
    let limited = emulator.addClient(organization: World.productionName, scopes: ["sandbox:view"], name: "limited")
    var values: [(String, String)] = [
        ("$PROD_TOKEN", await login(production)),
        ("$SBX_TOKEN", await login(sandbox)),
        ("$QA_TOKEN", await login(emulator.organization("sandbox-qa-01"))),
        ("$LIMITED_TOKEN", await login(limited)),
        ("$USER_TOKEN", world.production.sessions.first?.token ?? ""),
        ("$PROD_BASIC", production.map { TokenEndpoint.basicAuthorization(clientId: $0.clientId, clientSecret: $0.clientSecret) } ?? ""),
        ("$SBX_BASIC", sandbox.map { TokenEndpoint.basicAuthorization(clientId: $0.clientId, clientSecret: $0.clientSecret) } ?? ""),
        ("$TABLE", world.production.dataTables.first?.id ?? ""),
        ("$FLOW", world.production.flows.first?.flow.id ?? ""),
        ("$USER", world.production.users.first?.id ?? ""),
        ("$SBX", "sandbox-dev-01"),
        ("$QA", "sandbox-qa-01"),
        ("$LAST", ""),
    ]
    values.sort { $0.0.count > $1.0.count }

    for block in parts {
        var ignored: Int? = -1
        let step = parse(replace(block, values), faults: &ignored)
        steps.append(step)
        if step.advance > .zero { clock.advance(by: step.advance) }
        guard let method = HTTPMethod(rawValue: step.method), let url = URL(string: "http://emulator.local" + step.target) else {
            // The HTTP server answers these itself (405) without reaching the emulator.
            answers.append(.skipped)
            continue
        }
        let request = WireRequest(method: method, url: url, headers: WireHeaders(step.headers), body: step.body.map { Data($0) })
        let what = "\(step.method) \(step.target)"
        if let answer = emulator.control(request) {
            checkResponse(answer, control: true, what: what)
            answers.append(.response(answer.status, [], answer.body))
            continue
        }
        let reply = await emulator.serve(request)
        served += 1
        let log = emulator.requestLog()
        Fuzz.check(log.count == served, "\(what): \(log.count) logged requests after \(served) served")
        switch reply.reply {
        case .response(let response):
            checkResponse(response, control: false, what: what)
            Fuzz.check(log.last?.status == response.status, "\(what): logged status \(String(describing: log.last?.status)) != \(response.status)")
            answers.append(.response(response.status, response.headers.map { "\($0.name): \($0.value)" }, response.body))
            if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any], let id = object["id"] as? String,
               let index = values.firstIndex(where: { $0.0 == "$LAST" }) {
                values[index].1 = id
            }
        case .transportFailure(let error):
            Fuzz.check(transportFaults, "\(what): transport failure \(error) without a fault plan that declares one")
            if let partial = reply.partial {
                checkResponse(partial, control: false, what: what + " (partial)")
                Fuzz.check((0...partial.body.count).contains(reply.bytesBeforeReset), "\(what): reset after \(reply.bytesBeforeReset) of \(partial.body.count) bytes")
            }
            answers.append(.failure(error.description))
        }
    }
    // Inspection after the session settles every due event; it must not trap either.
    for id in spec.sandboxes {
        for refresh in emulator.refreshes(sandboxId: id) { Fuzz.check(!refresh.id.isEmpty, "a refresh without an id") }
    }
    _ = emulator.firedFaults()
    return answers
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let first = blocking { await session(bytes) }
    // Replaying doubles the cost of an input, so only a quarter of them (by length) are replayed.
    if bytes.count % 4 == 0 {
        let second = blocking { await session(bytes) }
        Fuzz.check(first == second, "the same session answered differently on a fresh emulator")
    }
    return 0
}

#if FUZZING
/// The entry point SwiftPM links for this executable (see `Fuzz.runDriver`).
@_cdecl("FuzzEmulatorRequests_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
#else
@main struct Replay {
    static func main() { Fuzz.replay("FuzzEmulatorRequests", fuzz) }
}
#endif
