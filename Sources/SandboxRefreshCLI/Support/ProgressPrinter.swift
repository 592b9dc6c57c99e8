import Executor
import Foundation
import GenesysWire
import Synchronization

/// Renders run events: a readable log with a live progress line on a TTY, JSON lines otherwise.
final class ProgressPrinter: Sendable {
    enum Mode: Sendable { case human(color: Bool, live: Bool), jsonLines }

    let mode: Mode
    /// The plan's name, when several plans share the output (a fleet): a `plan` field in JSON
    /// lines, a `[plan]` prefix in text.
    let tag: String?
    private let liveLineOpen = Mutex(false)

    init(mode: Mode, tag: String? = nil) {
        self.mode = mode
        self.tag = tag
    }

    func handle(_ event: RunEvent) {
        switch mode {
        case .jsonLines:
            var line = String(decoding: WireCoding.encode(event), as: UTF8.self)
            if let tag, line.hasPrefix("{") {
                line = "{\"plan\":" + String(decoding: WireCoding.encode(tag), as: UTF8.self) + (line == "{}" ? "}" : "," + line.dropFirst())
            }
            Terminal.write(line + "\n")
        case .human(let color, let live):
            render(event, color: color, live: live)
        }
    }

    private func render(_ event: RunEvent, color: Bool, live: Bool) {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let clock = paint(Self.elapsed(event.elapsed), "2")
        if event.event == "poll", live {
            let progress = Int(event.fields["progress"] ?? "0") ?? 0
            let bar = String(repeating: "█", count: progress / 5) + String(repeating: "░", count: 20 - progress / 5)
            let terminal = ["COMPLETED", "FAILED"].contains(event.fields["status"] ?? "")
            let next = terminal ? "" : event.fields["nextPollSeconds"].map { ", next poll in ≤\($0)s" } ?? ""
            Terminal.write("\r\u{1B}[2K  \(clock)  \(event.fields["status"] ?? "")  \(bar) \(progress)%\(next)")
            liveLineOpen.withLock { $0 = true }
            return
        }
        if liveLineOpen.withLock({ open in defer { open = false }; return open }) { Terminal.write("\n") }
        let symbol: String
        switch (event.level, event.event) {
        case (.error, _): symbol = paint("✗", "31")
        case (.warning, _): symbol = paint("!", "33")
        case (_, "step.finished"): symbol = paint("✓", "32")
        case (_, "step.started"): symbol = paint("→", "36")
        default: symbol = " "
        }
        if event.event == "step.finished" { return }  // the started line and details say enough
        let text = event.event == "step.started" ? paint(event.message, "1") : event.message
        Terminal.write("\(tag.map { "[\($0)] " } ?? "  ")\(clock)  \(symbol) \(text)\n")
    }

    static func elapsed(_ seconds: Double) -> String {
        let total = Int(seconds)
        return String(format: "%02d:%02d:%02d", total / 3600, (total / 60) % 60, total % 60)
    }
}
