import Foundation
import GenesysClient
import GenesysWire
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A chat/webhook endpoint over real HTTP on 127.0.0.1 (port 0): records every body posted to
/// `/hooks/<name>` and answers from a per-hook script of statuses (then 200 once it runs out).
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        var hook: String
        var body: Data
        var contentType: String?

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private struct State {
        var deliveries: [Delivery] = []
        var scripts: [String: [(status: Int, retryAfter: Int?)]] = [:]
    }

    private let state = Mutex(State())
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let boundPort = Mutex(0)

    var port: Int { boundPort.withLock { $0 } }
    func url(_ hook: String) -> String { "http://127.0.0.1:\(port)/hooks/\(hook)" }
    var deliveries: [Delivery] { state.withLock { $0.deliveries } }
    func deliveries(_ hook: String) -> [Delivery] { deliveries.filter { $0.hook == hook } }

    /// The statuses `hook` answers with, in order; `retryAfter` adds a Retry-After header.
    func script(_ hook: String, _ answers: [(status: Int, retryAfter: Int?)]) {
        state.withLock { $0.scripts[hook] = answers }
    }

    /// Every answer of `hook` is `status`.
    func alwaysFail(_ hook: String, status: Int = 500) {
        script(hook, Array(repeating: (status, nil), count: 1000))
    }

    static func start() async throws -> WebhookReceiver {
        let receiver = WebhookReceiver()
        let router = Router()
        router.post("/hooks/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let body = try await request.body.collect(upTo: 1 << 20)
            let answer = receiver.record(Delivery(hook: name, body: Data(body.readableBytesView), contentType: request.headers[.contentType]))
            var headers: HTTPFields = [.contentType: "text/plain"]
            if let after = answer.retryAfter { headers[HTTPField.Name("Retry-After")!] = String(after) }
            return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: answer.status == 200 ? "ok" : "no")))
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: "webhook-receiver", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let running = Task { try await app.run() }
        for await bound in stream { receiver.boundPort.withLock { $0 = bound } }
        receiver.task.withLock { $0 = running }
        return receiver
    }

    private func record(_ delivery: Delivery) -> (status: Int, retryAfter: Int?) {
        state.withLock { state in
            state.deliveries.append(delivery)
            guard var answers = state.scripts[delivery.hook], !answers.isEmpty else { return (200, nil) }
            let answer = answers.removeFirst()
            state.scripts[delivery.hook] = answers
            return answer
        }
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = await running?.result
    }
}

/// Requests to the receiver's port go over real HTTP; everything else to the in-process emulator.
struct SplitTransport: HTTPTransport {
    let receiverPort: Int
    let network: AHCTransport
    let emulator: any HTTPTransport

    func send(_ request: WireRequest, timeout: Duration) async throws -> WireResponse {
        if request.url.port == receiverPort {
            return try await network.send(request, timeout: timeout)
        }
        return try await emulator.send(request, timeout: timeout)
    }
}
