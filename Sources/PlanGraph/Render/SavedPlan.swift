import Crypto
import Foundation
import GenesysWire

/// `plan --out FILE`: the compiled plan with a SHA-256 of every source it came from, so that
/// `apply FILE` refuses a saved plan whose sources changed since it was reviewed.
public struct SavedPlan: Sendable, Hashable, Codable {
    public static let kind = "sandbox-refresh/saved-plan"

    public var kind: String
    public var entry: String
    public var document: PlanDocument

    public init(entry: String, document: PlanDocument) {
        kind = Self.kind
        self.entry = entry
        self.document = document
    }

    public static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    public func encoded() -> Data { WireCoding.encode(self, pretty: true) }

    public static func decode(_ data: Data) -> SavedPlan? {
        guard let saved = try? WireCoding.decode(SavedPlan.self, from: data), saved.kind == kind else { return nil }
        return saved
    }

    /// Sources whose current content no longer matches the recorded digest.
    public func changedSources(read: (String) -> Data?) -> [String] {
        document.sources.filter { source in
            guard let data = read(source.path) else { return true }
            return Self.sha256(data) != source.sha256
        }.map(\.path)
    }
}
