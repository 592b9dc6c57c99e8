import Foundation
import GenesysWire
import Timekeeping

/// One request on its way through the emulator.
struct RequestContext: Sendable {
    var method: HTTPMethod
    var path: String
    var pathWithQuery: String
    var query: [String: String]
    /// Every value of each query parameter, repeated (`id=a&id=b`) or comma-separated (`id=a,b`).
    var queryValues: [String: [String]]
    var headers: WireHeaders
    var body: Data?
    var now: Moment
    var correlationId: String
    /// The authenticated caller (nil on the login endpoint and before authentication).
    var caller: TokenStore.Record?
    var callerName: String?
    /// nil: no such endpoint.
    var route: Route?
    /// `scheme://host[:port]` the request was sent to: where the emulator's presigned URLs point.
    var baseURL: String

    var organization: String? { caller?.organization }

    init(_ request: WireRequest, now: Moment, correlationId: String) {
        method = request.method
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        var path = components?.percentEncodedPath ?? request.url.path
        if path.isEmpty { path = "/" }
        self.path = path
        var query: [String: String] = [:]
        var values: [String: [String]] = [:]
        // Form encoding, as the platform reads it: `+` is a space (the official SDKs send
        // `name=Billing+-+EMEA+1`), and `%2B` is a plus.
        func decoded(_ text: String) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        for item in components?.percentEncodedQueryItems ?? [] {
            let name = decoded(item.name), value = decoded(item.value ?? "")
            query[name] = value
            values[name, default: []] += value.split(separator: ",").map(String.init).filter { !$0.isEmpty }
        }
        self.query = query
        queryValues = values
        pathWithQuery = components?.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
        headers = request.headers
        body = request.body
        self.now = now
        self.correlationId = correlationId
        route = Route.resolve(method: method, path: path)
        let port = request.url.port.map { ":\($0)" } ?? ""
        baseURL = "\(request.url.scheme ?? "http")://\(request.url.host ?? "localhost")\(port)"
    }
}

/// Genesys-shaped responses: JSON bodies, `ININ-Correlation-Id` on every one, and the error
/// body whose `contextId` repeats that header.
enum Reply {
    static func headers(_ context: RequestContext, json: Bool = true) -> WireHeaders {
        var headers: WireHeaders = [WireHeader.correlationId: context.correlationId]
        if json { headers["Content-Type"] = "application/json" }
        return headers
    }

    static func json<T: Encodable>(_ value: T, status: Int = 200, _ context: RequestContext) -> WireResponse {
        WireResponse(status: status, headers: headers(context), body: WireCoding.encode(value))
    }

    /// A 200 JSON reply whose encoding waits until the lock is released (see `PendingResponse`).
    static func deferredJSON<T: Encodable & Sendable>(_ value: T, _ context: RequestContext) -> PendingResponse {
        PendingResponse(json: value, headers: headers(context))
    }

    static func noContent(_ context: RequestContext) -> WireResponse {
        WireResponse(status: 204, headers: headers(context, json: false))
    }

    static func error(_ status: Int, _ code: String, _ message: String, _ context: RequestContext,
                      details: [ErrorBody.Detail] = [], extraHeaders: [(String, String)] = []) -> WireResponse {
        let body = ErrorBody(message: message, code: code, status: status, contextId: context.correlationId, details: details)
        var response = json(body, status: status, context)
        for (name, value) in extraHeaders { response.headers[name] = value }
        return response
    }

    static func notFound(_ context: RequestContext, _ message: String? = nil) -> WireResponse {
        error(404, ErrorCode.notFound, message ?? "The requested resource was not found: \(context.method.rawValue) \(context.path)", context)
    }

    static func badRequest(_ context: RequestContext, _ message: String, field: String? = nil) -> WireResponse {
        error(400, ErrorCode.badRequest, message, context, details: field.map { [ErrorBody.Detail(errorCode: ErrorCode.badRequest, fieldName: $0)] } ?? [])
    }

    /// The exact 429 of the notes (normalised since 2021).
    static func tooManyRequests(_ context: RequestContext, retryAfter: Int) -> WireResponse {
        error(429, ErrorCode.tooManyRequests, "Rate limit exceeded the maximum. Retry the request in [\(retryAfter)] seconds",
              context, extraHeaders: [(WireHeader.retryAfter, String(retryAfter))])
    }

    static func serviceUnavailable(_ context: RequestContext) -> WireResponse {
        error(503, ErrorCode.serviceUnavailable, "The service is currently unavailable. Please try again later.", context)
    }

    /// The login host's error shape.
    static func oauthError(_ status: Int, _ error: String, _ description: String, _ context: RequestContext) -> WireResponse {
        json(OAuthErrorBody(error: error, description: description), status: status, context)
    }
}
