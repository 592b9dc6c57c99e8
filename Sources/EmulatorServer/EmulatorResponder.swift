import EmulatorCore
import Foundation
import GenesysWire
import HTTPTypes
import Hummingbird
import NIOCore

/// Hands every request to the emulator core; Hummingbird does no routing of its own, so the
/// core's 404s, 401s and error bodies are exactly what goes on the wire.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    static let maxBody = 16 << 20

    let emulator: Emulator
    let authority: String
    /// Serves `/emulator/...` (credentials, submissions, clock). Off by default: it hands out
    /// client secrets, so only the `emulator` command, a loopback rehearsal tool, turns it on.
    var control = false

    struct ConnectionCut: Error {}

    func respond(to request: Request, context: Context) async throws -> Response {
        let buffer = try await request.body.collect(upTo: Self.maxBody)
        guard let method = GenesysWire.HTTPMethod(rawValue: request.method.rawValue),
              // The Host the client used (the port bound when 0 was asked for), so the emulator's
              // presigned URLs point where the client can reach.
              let url = URL(string: "http://\(request.head.authority ?? authority)\(request.uri.description)") else {
            return Response(status: .methodNotAllowed)
        }
        let headers = WireHeaders(request.headers.map { ($0.name.canonicalName, $0.value) })
        let wire = WireRequest(method: method, url: url, headers: headers, body: buffer.readableBytes > 0 ? Data(buffer: buffer) : nil)
        if let answer = emulator.webhookInbox(wire, control: control) { return Self.response(answer) }
        // Without control, `/emulator/...` falls through to the core's own 404, as before.
        if control, let answer = emulator.control(wire) { return Self.response(answer) }
        let served = await emulator.serve(wire)
        switch served.reply {
        case .response(let response):
            return Self.response(response)
        case .transportFailure(let error) where error.kind == .connectionReset:
            guard let partial = served.partial else { throw ConnectionCut() }
            // The head promises the full length; half the body goes out, then the connection dies.
            var head = Self.response(partial)
            let bytes = partial.body
            let cut = served.bytesBeforeReset
            head.body = ResponseBody(contentLength: bytes.count) { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(cut)))
                throw ConnectionCut()
            }
            return head
        case .transportFailure:
            // Dropped: close before a byte of the response is written.
            try? await context.channel.close()
            throw ConnectionCut()
        }
    }

    static func response(_ response: WireResponse) -> Response {
        var fields = HTTPFields()
        for field in response.headers {
            if let name = HTTPField.Name(field.name) { fields.append(HTTPField(name: name, value: field.value)) }
        }
        return Response(status: .init(code: response.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}
