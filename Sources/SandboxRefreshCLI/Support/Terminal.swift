import Foundation
import Glibc

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

    /// All of `text` to standard output. A full disk or a closed reader ends the run with a
    /// one-line message and exit status 74 (EX_IOERR); `FileHandle.write` trapped with a crash
    /// report instead.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN {
                        // A non-blocking descriptor inherited from the caller: wait until it drains.
                        var ready = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&ready, 1, -1)
                        continue
                    }
                    error("sandbox-refresh: cannot write to standard output: \(String(cString: strerror(errno)))")
                    Glibc.exit(74)
                }
                offset += written
            }
        }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
