import Foundation
import Glibc
import Synchronization

/// The one sink for everything the tool writes to standard output and standard error, and
/// colour only for a person at a terminal: never when piped or when NO_COLOR is set.
///
/// SIGPIPE is ignored for the whole process (`ignoreBrokenPipes`), so a reader that goes away
/// is an EPIPE here, never a death by signal. What a failed write does depends on the command:
/// - a reporting command (`validate`, `plan`, `history`, `scan`...) whose standard output
///   fails ends at once with exit 74 (EX_IOERR): silently for a closed reader (`| head -1`),
///   with one line on standard error for anything else (a full disk); a failed standard error
///   is dropped;
/// - `apply` (`keepRunningWithoutOutput`) drops what it cannot write and carries on: a dead
///   log collector never abandons a refresh half-way; the journal and artifacts are written as
///   usual.
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

    private struct State {
        var keepRunning = false
        /// Descriptors that failed once: nothing more is sent to them.
        var dead: Set<Int32> = []
    }

    private static let state = Mutex(State())

    /// Called once at start-up, before any command runs.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// For `apply`: a failed write to standard output or error is dropped, never fatal.
    static func keepRunningWithoutOutput() {
        state.withLock { $0.keepRunning = true }
    }

    /// All of `text` to standard output.
    static func write(_ text: String) {
        send(text, to: STDOUT_FILENO)
    }

    /// `text` and a newline to standard output.
    static func line(_ text: String) {
        write(text + "\n")
    }

    /// `text` to standard error, as one line.
    static func error(_ text: String) {
        send(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
    }

    private static func send(_ text: String, to descriptor: Int32) {
        if state.withLock({ $0.dead.contains(descriptor) }) { return }
        var text = text
        let failure: Int32? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN {
                        // A non-blocking descriptor inherited from the caller: wait until it drains.
                        var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&ready, 1, -1)
                        continue
                    }
                    return errno
                }
                offset += written
            }
            return nil
        }
        guard let failure else { return }
        let keepRunning = state.withLock { state in
            state.dead.insert(descriptor)
            return state.keepRunning
        }
        // Standard error is where failures are told; losing it never ends a command.
        if keepRunning || descriptor == STDERR_FILENO { return }
        // A closed reader is the reader's choice (`| head -1`): no message. Anything else (a
        // full disk) gets one line.
        if failure != EPIPE {
            error("sandbox-refresh: cannot write to standard output: \(String(cString: strerror(failure)))")
        }
        Glibc.exit(74)
    }
}
