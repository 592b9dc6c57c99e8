import Foundation
@testable import GenesysClient
import Testing

/// Which requests take the proxy: the environment's variables, `NO_PROXY` as curl reads it, and
/// the plan's override.
@Suite("network options")
struct NetworkOptionsTests {
    static func options(_ environment: [String: String], proxy: NetworkOptions.ProxySetting = .environment) throws -> NetworkOptions {
        try NetworkOptions.resolve(proxy: proxy, caBundle: nil, environment: environment)
    }

    @Test func theFirstProxyVariableSetWins() throws {
        #expect(try Self.options(["HTTPS_PROXY": "http://a:3128", "HTTP_PROXY": "http://b:8080"]).proxy?.description == "a:3128")
        #expect(try Self.options(["https_proxy": "b.internal:8080"]).proxy?.description == "b.internal:8080")
        #expect(try Self.options(["HTTP_PROXY": "http://c"]).proxy?.description == "c:80")
        #expect(try Self.options([:]).proxy == nil)
        #expect(try Self.options(["HTTPS_PROXY": "http://a:3128"], proxy: .direct).proxy == nil, "network.proxy: none")
        #expect(try Self.options([:], proxy: .url("http://p:1")).proxy?.description == "p:1")
    }

    @Test func noProxyMatchesHostsSuffixesPortsAndStar() throws {
        let options = try Self.options(["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": " .internal, example.com ,127.0.0.1:9080,[::1]"])
        func proxied(_ url: String) -> Bool { options.proxy(for: URL(string: url)!) != nil }
        #expect(proxied("https://api.mypurecloud.com/api/v2/x"))
        #expect(!proxied("https://login.internal/oauth/token"))
        #expect(!proxied("https://example.com/"))
        #expect(!proxied("https://api.example.com/"))
        #expect(proxied("https://notexample.com/"), "a suffix matches whole labels only")
        #expect(!proxied("http://127.0.0.1:9080/"))
        #expect(proxied("http://127.0.0.1:9081/"), "a port entry matches that port only")
        #expect(!proxied("http://[::1]:9080/"))
        let star = try Self.options(["HTTPS_PROXY": "http://proxy:3128", "no_proxy": "*"])
        #expect(star.proxy(for: URL(string: "https://api.mypurecloud.com/")!) == nil)
    }

    @Test func errorsNameTheVariableNeverItsValue() throws {
        #expect(throws: NetworkOptions.Invalid.self) { try Self.options(["HTTPS_PROXY": "socks5://me:pw-secret@proxy:1080"]) }
        do {
            _ = try Self.options(["HTTPS_PROXY": "socks5://me:pw-secret@proxy:1080"])
        } catch {
            #expect("\(error)".contains("HTTPS_PROXY") && !"\(error)".contains("pw-secret"))
        }
        let authorized = try Self.options(["HTTPS_PROXY": "http://me:pw-secret@proxy:3128"])
        #expect(authorized.proxy?.description == "proxy:3128", "credentials are used, never shown")
        #expect(!"\(authorized.proxy!)".contains("pw-secret"))
    }

    @Test func aCABundleMustBeReadablePEM() throws {
        #expect(throws: NetworkOptions.Invalid.self) {
            try NetworkOptions.resolve(proxy: .environment, caBundle: "/nope/ca.pem", environment: [:], readFile: { _ in throw CocoaError(.fileNoSuchFile) })
        }
        do {
            _ = try NetworkOptions.resolve(proxy: .environment, caBundle: nil, environment: ["SSL_CERT_FILE": "/x/ca.pem"], readFile: { _ in Data("hello".utf8) })
            Issue.record("a file without certificates was accepted")
        } catch {
            #expect("\(error)".contains("SSL_CERT_FILE /x/ca.pem"))
        }
    }
}
