/// The error body of every 4xx/5xx under /api/v2. `contextId` equals `ININ-Correlation-Id`.
public struct ErrorBody: Sendable, Hashable, Codable {
    public struct Detail: Sendable, Hashable, Codable {
        public var errorCode: String?
        public var fieldName: String?
        public var entityId: String?
        public var entityName: String?

        public init(errorCode: String? = nil, fieldName: String? = nil, entityId: String? = nil, entityName: String? = nil) {
            self.errorCode = errorCode
            self.fieldName = fieldName
            self.entityId = entityId
            self.entityName = entityName
        }
    }

    public var message: String
    public var code: String
    public var status: Int
    public var contextId: String?
    public var details: [Detail]?
    public var errors: [JSONValue]?
    public var messageWithParams: String?
    public var messageParams: [String: String]?

    public init(message: String, code: String, status: Int, contextId: String?, details: [Detail] = [], messageWithParams: String? = nil, messageParams: [String: String]? = nil) {
        self.message = message
        self.code = code
        self.status = status
        self.contextId = contextId
        self.details = details
        self.errors = []
        self.messageWithParams = messageWithParams ?? message
        self.messageParams = messageParams ?? [:]
    }
}

/// The well-known `code` values of the Platform API.
public enum ErrorCode {
    public static let badRequest = "bad.request"
    public static let notAuthorized = "not.authorized"
    public static let missingPermissions = "missing.permissions"
    public static let notFound = "not.found"
    public static let conflict = "conflict"
    public static let tooManyRequests = "too.many.requests.retry.after"
    public static let internalServerError = "internal.server.error"
    public static let serviceUnavailable = "service.unavailable"
}

/// The login host's error body: `{"error": "invalid_client", "description": ..., "error_description": ...}`.
public struct OAuthErrorBody: Sendable, Hashable, Codable {
    public var error: String
    public var description: String?
    public var errorDescription: String?

    public init(error: String, description: String) {
        self.error = error
        self.description = description
        self.errorDescription = description
    }

    enum CodingKeys: String, CodingKey {
        case error, description
        case errorDescription = "error_description"
    }

    /// Token creation itself is rate limited with 400 `invalid_request` "rate limit exceeded ...".
    public var isRateLimit: Bool {
        error == "invalid_request" && (description ?? errorDescription ?? "").lowercased().hasPrefix("rate limit exceeded")
    }
}
