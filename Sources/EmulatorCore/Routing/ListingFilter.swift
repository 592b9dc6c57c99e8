import Foundation
import GenesysWire

/// The listing filters of `endpoints.json` the emulator honours, per listing:
///
/// | listing | filters |
/// |---|---|
/// | routing/queues | `name`, `id`, `divisionId` |
/// | routing/skills | `name` (starts with), `id` |
/// | flows | `type` (lower case: `inboundcall`), `name`, `id`, `divisionId` |
/// | flows/datatables | `name`, `divisionId` |
/// | trunks | `trunkType` |
/// | trunkbasesettings | `name` |
/// | users | `id` |
/// | routing/wrapupcodes, outbound/campaigns | `name`, `id`, `divisionId` |
/// | architect/schedules, architect/schedulegroups | `name`, `divisionId` |
/// | integrations/actions | `name` |
///
/// `name` is case-insensitive; `*` matches any run of characters (`Billing*`), and a name
/// without `*` must match whole. `id`, `divisionId` and `type` take several values, repeated
/// (`id=a&id=b`) or comma-separated. A filter a listing does not have is ignored, as on the
/// platform; an unknown flow type is a 400, since the platform rejects it too.
struct ListingFilter: Sendable {
    var names: [String] = []
    var namePrefix = false
    var ids: Set<String> = []
    var divisionIds: Set<String> = []
    var types: Set<String> = []
    var trunkType: String?
    /// The filters as they were given, for the page's URIs.
    var queryText = ""

    static let none = ListingFilter()

    /// Nothing to filter on: a listing can page its stored array directly.
    var isEmpty: Bool {
        names.isEmpty && ids.isEmpty && divisionIds.isEmpty && types.isEmpty && trunkType == nil
    }

    struct Problem: Error {
        var message: String
        var field: String
    }

    static func parse(_ listing: Endpoint.Listing, _ query: [String: [String]]) -> Result<ListingFilter, Problem> {
        let accepted: [String]
        switch listing {
        case .queues: accepted = ["name", "id", "divisionId"]
        case .skills: accepted = ["name", "id"]
        case .flows: accepted = ["type", "name", "id", "divisionId"]
        case .dataTables: accepted = ["name", "divisionId"]
        case .trunks: accepted = ["trunkType"]
        case .trunkBaseSettings: accepted = ["name"]
        case .users: accepted = ["id"]
        case .externalContacts, .integrations, .credentials: accepted = []
        case .wrapupCodes, .campaigns: accepted = ["name", "id", "divisionId"]
        case .schedules, .scheduleGroups: accepted = ["name", "divisionId"]
        case .dataActions: accepted = ["name"]
        }
        var filter = ListingFilter()
        filter.namePrefix = listing == .skills
        var parts: [String] = []
        for key in accepted {
            guard let values = query[key], !values.isEmpty else { continue }
            switch key {
            case "name": filter.names = values
            case "id": filter.ids = Set(values)
            case "divisionId": filter.divisionIds = Set(values)
            case "trunkType": filter.trunkType = values[0]
            case "type":
                for value in values {
                    let type = FlowType(wire: value)
                    guard type.isKnown, value == type.queryValue else {
                        return .failure(Problem(message: "Invalid flow type '\(value)'; expected one of \(FlowType.known.map(\.queryValue).joined(separator: ", "))", field: "type"))
                    }
                    filter.types.insert(type.wireValue)
                }
            default: break
            }
            parts += values.map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" }
        }
        filter.queryText = parts.joined(separator: "&")
        return .success(filter)
    }

    func matches(id: String, name: String, divisionId: String? = nil, type: FlowType? = nil, trunkType: String? = nil) -> Bool {
        if !ids.isEmpty, !ids.contains(id) { return false }
        if !divisionIds.isEmpty, !divisionIds.contains(divisionId ?? "") { return false }
        if !types.isEmpty, !types.contains(type?.wireValue ?? "") { return false }
        if let wanted = self.trunkType, wanted.caseInsensitiveCompare(trunkType ?? "") != .orderedSame { return false }
        if !names.isEmpty, !names.contains(where: { nameMatches(pattern: $0, name) }) { return false }
        return true
    }

    private func nameMatches(pattern: String, _ name: String) -> Bool {
        let pattern = pattern.lowercased(), name = name.lowercased()
        if namePrefix, !pattern.contains("*") { return name.hasPrefix(pattern) }
        return Self.glob(Array(pattern), Array(name))
    }

    /// `*` matches any run of characters; everything else matches itself.
    static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] { p += 1; t += 1 }
            else if p < pattern.count, pattern[p] == "*" { star = p; mark = t; p += 1 }
            else if star >= 0 { p = star + 1; mark += 1; t = mark }
            else { return false }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
