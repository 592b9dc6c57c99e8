import Foundation

/// Colour only for a person at a terminal: never when piped or when NO_COLOR is set.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    /// Read once: the environment and the terminal do not change during a run, and
    /// `ProcessInfo.environment` builds a new dictionary on every call.
    static let useColor: Bool = {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
        return stdoutIsTTY && env["TERM"] != "dumb"
    }()

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
