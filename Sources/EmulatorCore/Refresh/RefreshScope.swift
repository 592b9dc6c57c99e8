import Foundation

/// The domains of a refresh, in the dependency order the platform applies them.
public enum RefreshDomain: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case routing = "ROUTING", architect = "ARCHITECT", admin = "ADMIN", wfm = "WFM", icm = "ICM"

    var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: RefreshDomain, rhs: RefreshDomain) -> Bool { lhs.order < rhs.order }
}

/// A parsed `scope` string (`"ARCHITECT,ROUTING"`, `"ALL"`).
public struct RefreshScope: Sendable, Hashable, Codable {
    public var domains: [RefreshDomain]
    /// ALL also clones what no single domain covers: trunks with their carrier registrations.
    public var isAll: Bool

    public enum Problem: Error, Sendable, Hashable {
        case empty
        case unknown(String)
        case adminWithoutRouting
    }

    public static func parse(_ text: String) -> Result<RefreshScope, Problem> {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return .failure(.empty) }
        if names.contains("ALL") { return .success(RefreshScope(domains: RefreshDomain.allCases, isAll: true)) }
        var domains: [RefreshDomain] = []
        for name in names {
            guard let domain = RefreshDomain(rawValue: name) else { return .failure(.unknown(name)) }
            if !domains.contains(domain) { domains.append(domain) }
        }
        // Admin configurations reference queue and skill ids that must exist first.
        if domains.contains(.admin), !domains.contains(.routing) { return .failure(.adminWithoutRouting) }
        return .success(RefreshScope(domains: domains.sorted(), isAll: false))
    }

    public func contains(_ domain: RefreshDomain) -> Bool { domains.contains(domain) }

    /// ADMIN and ICM replicate customer and interaction data.
    var copiesCustomerData: Bool { contains(.admin) || contains(.icm) }
}

