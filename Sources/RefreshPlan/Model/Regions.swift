/// Genesys Cloud regions and their domains (genesys-api-notes.md, "Hosts and regions").
public enum Regions {
    public static let table: [(region: String, domain: String)] = [
        ("us-east-1", "mypurecloud.com"),
        ("us-east-2", "use2.us-gov-pure.cloud"),
        ("us-west-2", "usw2.pure.cloud"),
        ("eu-west-1", "mypurecloud.ie"),
        ("eu-west-2", "euw2.pure.cloud"),
        ("eu-central-1", "mypurecloud.de"),
        ("eu-central-2", "euc2.pure.cloud"),
        ("ap-southeast-2", "mypurecloud.com.au"),
        ("ap-northeast-1", "mypurecloud.jp"),
        ("ca-central-1", "cac1.pure.cloud"),
        ("ap-northeast-2", "apne2.pure.cloud"),
        ("ap-northeast-3", "apne3.pure.cloud"),
        ("ap-south-1", "aps1.pure.cloud"),
        ("sa-east-1", "sae1.pure.cloud"),
        ("me-central-1", "mec1.pure.cloud"),
        ("mx-central-1", "mxc1.pure.cloud"),
        ("ap-southeast-1", "apse1.pure.cloud"),
        ("eusc-de-east-1", "edee1.eusc-pure.cloud"),
    ]

    /// The domain for a region name or a domain; nil when it is neither.
    public static func domain(for name: String) -> String? {
        let key = name.lowercased()
        return table.first { $0.region == key || $0.domain == key }?.domain
    }

    /// Every accepted spelling, for "did you mean" suggestions.
    public static var allNames: [String] { table.flatMap { [$0.region, $0.domain] } }

    public static func apiHost(domain: String) -> String { "api.\(domain)" }
    public static func loginHost(domain: String) -> String { "login.\(domain)" }
}
