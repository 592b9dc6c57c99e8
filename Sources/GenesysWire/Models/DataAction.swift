/// `GET /api/v2/integrations/actions[/{actionId}]` (reference model `Action`): a data action.
/// Read-only through the API. Its target host is in `config.request.requestUrlTemplate`,
/// either literally (`https://api.prod.example.com/v1/...`) or taken from its integration's
/// configuration (`${credentials.baseUrl}/v1/...`, `${input.…}` for request fields).
public struct DataAction: Sendable, Hashable, Codable {
    /// `ActionConfig`.
    public struct Config: Sendable, Hashable, Codable {
        public var timeoutSeconds: Int?
        public var request: RequestConfig?

        public init(timeoutSeconds: Int? = nil, request: RequestConfig?) {
            self.timeoutSeconds = timeoutSeconds
            self.request = request
        }
    }

    /// `RequestConfig`.
    public struct RequestConfig: Sendable, Hashable, Codable {
        public var requestUrlTemplate: String?
        public var requestTemplate: String?
        /// `GET`, `POST`, ...
        public var requestType: String?
        public var headers: [String: String]?

        public init(requestUrlTemplate: String?, requestTemplate: String? = nil, requestType: String? = "GET", headers: [String: String]? = nil) {
            self.requestUrlTemplate = requestUrlTemplate
            self.requestTemplate = requestTemplate
            self.requestType = requestType
            self.headers = headers
        }
    }

    public var id: String?
    public var name: String?
    public var integrationId: String?
    public var category: String?
    public var version: Int?
    public var secure: Bool?
    public var config: Config?
    public var selfUri: String?

    public init(id: String?, name: String?, integrationId: String?, category: String?, version: Int? = 1, secure: Bool? = false, config: Config?) {
        self.id = id
        self.name = name
        self.integrationId = integrationId
        self.category = category
        self.version = version
        self.secure = secure
        self.config = config
        self.selfUri = id.map { "/api/v2/integrations/actions/\($0)" }
    }
}
