import Foundation
import GenesysWire
import Timekeeping

/// The path of one request: settle time, route, authenticate, faults, rate limit, answer.
extension EmulatorState {
    struct Outcome: Sendable {
        var served: ServedReply
        var latency: Duration?
        /// A reply still to be encoded; `Emulator.serve` encodes it after releasing the lock.
        var pending: PendingResponse?

        /// The reply as the client gets it (encodes a pending body: call outside the lock).
        func resolved(cache: BodyCache? = nil) -> ServedReply {
            pending.map { ServedReply(reply: .response($0.resolved(cache: cache))) } ?? served
        }
    }

    /// `parsed` was built outside the lock (URL parsing is not state); the moment and the
    /// correlation id are assigned here, in the order requests take the lock.
    mutating func process(_ parsed: RequestContext, now: Moment) -> Outcome {
        var context = parsed
        context.now = now
        context.correlationId = rng.uuid()
        settle(now: now, observer: context)

        guard let route = context.route else {
            return finish(context, Reply.notFound(context), fault: nil)
        }
        if route == .token { return handleLogin(&context) }

        // The organization is known before authentication is enforced, so faults scoped to an
        // organization also hit requests whose token is about to be refused.
        let bearer = Self.bearerToken(context.headers)
        // A presigned URL is its own credential: no bearer, no scope, not the API's rate limit.
        let open = route.isPresigned
        var authProblem: String? = open ? nil : "No authentication bearer token specified in authorization header."
        if !open, let bearer {
            switch tokens.check(bearer, now: now) {
            case .valid(let record):
                context.caller = record
                context.callerName = record.clientId.flatMap { client($0)?.name } ?? record.userId.map { "user \($0)" }
                authProblem = nil
            case .invalid(let reason):
                authProblem = reason
            }
        }

        var postFault: FaultEngine.Decision?
        if let decision = faults.responseFault(method: context.method.rawValue, path: context.path, organization: context.organization) {
            switch decision.kind {
            case .rateLimitBurst(_, let retryAfter):
                record(decision, context: context, moment: now, detail: "429 Retry-After \(retryAfter)")
                return finish(context, Reply.tooManyRequests(context, retryAfter: retryAfter), fault: decision)
            case .serviceUnavailableRun:
                record(decision, context: context, moment: now, detail: "503")
                return finish(context, Reply.serviceUnavailable(context), fault: decision)
            default:
                postFault = decision
            }
        }

        var response: PendingResponse
        if let authProblem {
            response = PendingResponse(Reply.error(401, ErrorCode.notAuthorized, authProblem, context))
        } else if !open, let caller = context.caller, let missing = Self.missingScope(route, caller: caller, clients: world.clients) {
            response = PendingResponse(Reply.error(403, ErrorCode.missingPermissions, "You are missing the following permission(s): \(missing)", context,
                                                   details: [ErrorBody.Detail(errorCode: ErrorCode.missingPermissions, fieldName: missing)]))
        } else if !open, let retryAfter = apiLimiter.admit(Self.rateKey(context.caller), now: now) {
            response = PendingResponse(Reply.tooManyRequests(context, retryAfter: retryAfter))
        } else if let refusal = guardProduction(route, context) {
            response = PendingResponse(refusal)
        } else {
            response = dispatch(route, context)
            switch route {
            case .listing, .entity, .dataTableRows:
                // What these show depends only on the world, the organization and the path.
                response.cacheKey = "\(worldVersion) \(context.organization ?? "-") \(context.pathWithQuery)"
            default:
                break
            }
        }
        if let postFault { recordPostFault(postFault, context) }
        return finish(context, response, fault: postFault)
    }

    private mutating func recordPostFault(_ decision: FaultEngine.Decision, _ context: RequestContext) {
        let detail: String
        switch decision.kind {
        case .latency(let ms): detail = "response delayed \(ms)ms"
        case .drop: detail = "response dropped (request processed)"
        case .resetMidBody: detail = "connection reset mid-body (request processed)"
        default: detail = ""
        }
        record(decision, context: context, moment: context.now, detail: detail)
    }

    mutating func finish(_ context: RequestContext, _ response: WireResponse, fault: FaultEngine.Decision?) -> Outcome {
        finish(context, PendingResponse(response), fault: fault)
    }

    mutating func finish(_ context: RequestContext, _ pending: PendingResponse, fault: FaultEngine.Decision?) -> Outcome {
        let kind = fault?.kind
        var served = ServedReply(reply: .response(WireResponse(status: pending.status, headers: pending.headers)))
        var deferred: PendingResponse? = pending
        var latency: Duration?
        var status: Int? = pending.status
        switch kind {
        case .latency(let ms)?:
            latency = .milliseconds(ms)
        case .drop?:
            served = ServedReply(reply: .transportFailure(TransportError(.dropped, "emulator dropped the response to \(context.method.rawValue) \(context.path)")))
            deferred = nil
            status = nil
        case .resetMidBody?:
            // Rare (a fault): the cut point needs the body's length, so encode here.
            let response = pending.resolved()
            deferred = nil
            served = ServedReply(reply: .transportFailure(TransportError(.connectionReset, "emulator reset the connection mid-body on \(context.method.rawValue) \(context.path)")),
                                 partial: response, bytesBeforeReset: response.body.count / 2)
        default:
            break
        }
        log.append(LoggedRequest(method: context.method.rawValue, path: context.pathWithQuery, organization: context.organization,
                                 status: status, fault: fault?.label, correlationId: context.correlationId, moment: context.now),
                   route: "\(context.method.rawValue) \(context.route?.template ?? "(no such endpoint)")")
        logger?.debug("request", metadata: ["method": "\(context.method.rawValue)", "path": "\(context.pathWithQuery)",
                                            "status": "\(status.map(String.init) ?? "none")", "organization": "\(context.organization ?? "-")"])
        return Outcome(served: served, latency: latency, pending: deferred)
    }

    /// Listings and entities come back unencoded (the bulk of the traffic); the rest encode
    /// here, since they are small or change state as they answer.
    private mutating func dispatch(_ route: Route, _ context: RequestContext) -> PendingResponse {
        switch route {
        case .token: return PendingResponse(Reply.notFound(context))
        case .tokensMe: return PendingResponse(tokensMe(context))
        case .revokeMe: return PendingResponse(revokeMe(context))
        case .revokeUser(let userId): return PendingResponse(revokeUser(userId, context))
        case .organizationsMe: return PendingResponse(organizationsMe(context))
        case .listing(let listing): return list(listing, context)
        case .entity(let listing, let id): return entity(listing, id, context)
        case .submitValidateJob: return PendingResponse(submitValidateJob(context))
        case .getValidateJob(let jobId): return PendingResponse(getValidateJob(jobId, context))
        case .dataTableRows(let tableId): return rows(tableId, context)
        case .listRefreshes(let sandboxId): return PendingResponse(listRefreshes(sandboxId, context))
        case .submitRefresh(let sandboxId): return PendingResponse(submitRefresh(sandboxId, context))
        case .getRefresh(let sandboxId, let refreshId): return PendingResponse(getRefresh(sandboxId, refreshId, context))
        case .abortRefresh(let sandboxId, let refreshId): return PendingResponse(abortRefresh(sandboxId, refreshId, context))
        case .validateFlows: return PendingResponse(validateFlows(context))
        default: return PendingResponse(dispatchSandboxWrites(route, context))
        }
    }

    static func bearerToken(_ headers: WireHeaders) -> String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The platform limits per client-credentials client; user tokens are limited per user.
    static func rateKey(_ caller: TokenStore.Record?) -> String {
        if let clientId = caller?.clientId { return "client:\(clientId)" }
        return "user:\(caller?.userId ?? "anonymous")"
    }

    static func missingScope(_ route: Route, caller: TokenStore.Record, clients: [ClientDefinition]) -> String? {
        let required = route.requiredScopes
        guard !required.isEmpty else { return nil }
        // User sessions act with the full rights of an administrator.
        guard let clientId = caller.clientId, let client = clients.first(where: { $0.clientId == clientId }) else { return nil }
        if client.scopes.contains("admin") || required.contains(where: client.scopes.contains) { return nil }
        return required[0]
    }
}
