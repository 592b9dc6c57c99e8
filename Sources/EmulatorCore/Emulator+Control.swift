import Foundation
import GenesysWire
import Timekeeping

/// What `GET /emulator/clock` reports: enough for another process (`apply --emulator URL`) to run
/// a clock in step with this emulator's, so poll intervals, `maxWait` and journal timestamps mean
/// the same emulated seconds on both sides.
public struct EmulatorClockReading: Sendable, Hashable, Codable {
    /// Emulated seconds per real second; nil when the clock is not driven by real time (a virtual
    /// clock in tests), which another process cannot follow.
    public var scale: Double?
    /// The emulated time now, as seconds since 1970 (a plain number: no date-format ambiguity).
    public var now: Double

    public init(scale: Double?, now: Double) {
        self.scale = scale
        self.now = now
    }
}

/// One line of `GET /emulator/requests`: what the emulated API received and answered.
public struct EmulatorRequestRecord: Sendable, Hashable, Codable {
    public var method: String
    /// Path with query.
    public var path: String
    public var organization: String?
    /// nil when the answer never left (a dropped response).
    public var status: Int?
}

extension Emulator {
    public var clockReading: EmulatorClockReading {
        let scale: Double?
        switch clock {
        case let scaled as ScaledClock: scale = scaled.scale
        case is SystemClock: scale = 1
        default: scale = nil
        }
        return EmulatorClockReading(scale: scale, now: clock.nowDate.timeIntervalSince1970)
    }

    /// The loopback control surface (`/emulator/...`): not part of the Genesys API, so a plan
    /// pointed at the emulator can never reach it by accident. Nil when the path is not a
    /// control path, so the caller hands the request to the emulated API unchanged.
    /// It hands out client secrets: servers enable it only for loopback rehearsals.
    public func control(_ request: WireRequest) -> WireResponse? {
        guard request.url.path.hasPrefix("/emulator/") else { return nil }
        guard request.method == .get else { return Self.controlJSON(405, ["message": "control endpoints are GET only"]) }
        let query = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        switch request.url.path {
        case "/emulator/organizations":
            return Self.controlJSON(200, organizations)
        case "/emulator/submissions":
            guard let sandboxId = query.first(where: { $0.name == "sandboxId" })?.value, !sandboxId.isEmpty else {
                return Self.controlJSON(400, ["message": "sandboxId is required: /emulator/submissions?sandboxId=ID"])
            }
            return Self.controlJSON(200, submissions(sandboxId: sandboxId))
        case "/emulator/clock":
            return Self.controlJSON(200, clockReading)
        case "/emulator/stats":
            // Counts over every request since start; `/emulator/requests` holds only the latest.
            return Self.controlJSON(200, requestStats())
        case "/emulator/requests":
            // The most recent requests the emulated API received (up to the log's capacity,
            // 10,000 by default), in order; control requests excluded.
            return Self.controlJSON(200, requestLog().map { EmulatorRequestRecord(method: $0.method, path: $0.path, organization: $0.organization, status: $0.status) })
        default:
            return Self.controlJSON(404, ["message": "no control endpoint \(request.url.path)"])
        }
    }

    private static func controlJSON<T: Encodable>(_ status: Int, _ value: T) -> WireResponse {
        WireResponse(status: status, headers: ["Content-Type": "application/json"], body: WireCoding.encode(value))
    }
}
