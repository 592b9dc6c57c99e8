import EmulatorCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The emulator over HTTP on loopback (Hummingbird 2).
public enum EmulatorHTTPServer {
    /// An application serving `emulator` on `host:port` (port 0: an ephemeral port, reported
    /// through `onServerRunning`). `control` adds the `/emulator/...` endpoints (organizations
    /// with their client secrets, the record of submissions, the clock): loopback rehearsals only.
    public static func application(emulator: Emulator, host: String = "127.0.0.1", port: Int, control: Bool = false,
                                   logger: Logger = Logger(label: "emulator.http"),
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            responder: EmulatorResponder(emulator: emulator, authority: "\(host):\(port)", control: control),
            configuration: .init(address: .hostname(host, port: port), serverName: "genesys-emulator"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// Starts serving in a child task and returns once the port is bound. Stop it with
    /// `RunningEmulatorServer.stop()` (or by cancelling the calling task's scope).
    public static func start(emulator: Emulator, host: String = "127.0.0.1", port: Int = 0, control: Bool = false,
                             logger: Logger = Logger(label: "emulator.http")) async throws -> RunningEmulatorServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = application(emulator: emulator, host: host, port: port, control: control, logger: logger) { bound in
            continuation.yield(bound)
            continuation.finish()
        }
        // A service group of our own, so `stop()` can shut down gracefully (no signal handlers:
        // the host process owns those).
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do { try await group.run() } catch { logger.debug("emulator server ended: \(error)") }
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            throw ServerError.didNotStart(host: host, port: port)
        }
        return RunningEmulatorServer(host: host, port: bound, group: group, task: task)
    }

    public enum ServerError: Error, CustomStringConvertible {
        case didNotStart(host: String, port: Int)

        public var description: String {
            switch self {
            case .didNotStart(let host, let port): return "the emulator could not listen on \(host):\(port)"
            }
        }
    }
}

/// A started emulator server.
public struct RunningEmulatorServer: Sendable {
    public let host: String
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    init(host: String, port: Int, group: ServiceGroup, task: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.group = group
        self.task = task
    }

    /// `http://127.0.0.1:PORT`: the API and the login host both live here.
    public var baseURL: String { "http://\(host):\(port)" }

    /// Runs until the calling task is cancelled, then shuts the server down.
    public func runUntilCancelled() async {
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            let group = self.group
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// Graceful: open connections finish their current response.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}

/// The CLI's entry point: serve until cancelled, reporting the bound port once listening.
public func runEmulator(_ emulator: Emulator, host: String = "127.0.0.1", port: Int = 0, control: Bool = false,
                        logger: Logger = Logger(label: "emulator.http"),
                        onReady: @escaping @Sendable (Int) async -> Void) async throws {
    try await EmulatorHTTPServer.application(emulator: emulator, host: host, port: port, control: control, logger: logger, onServerRunning: onReady).run()
}
