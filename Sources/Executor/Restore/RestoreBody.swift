import GenesysWire

/// Turns a snapshot's JSON into a write body for the refreshed sandbox: fields the platform
/// sets (ids, URIs, dates, versions, authorship, counts) are dropped, and every reference
/// (`{id, name}`) is pointed at the sandbox's object of that name. A reference whose name the
/// sandbox no longer has makes the object unrestorable, and is named.
struct RestoreBody {
    /// (kind, name) → sandbox id, over every kind an object may reference.
    let sandboxIds: [String: String]

    static let platformFields: Set<String> = [
        "id", "selfUri", "dateCreated", "dateModified", "createdBy", "modifiedBy", "createdByApp", "modifiedByApp", "version",
        "memberCount", "userMemberCount", "joinedMemberCount", "state", "division",
    ]

    /// The body, or the references that no longer resolve.
    func make(from snapshot: JSONValue) -> Result<JSONValue, RestoreProblem> {
        guard case .object(var fields) = snapshot else { return .success(snapshot) }
        for key in Self.platformFields { fields.removeValue(forKey: key) }
        var missing: [String] = []
        let body = JSONValue.object(fields.mapValues { remap($0, &missing) })
        return missing.isEmpty ? .success(body) : .failure(.missingReferences(missing))
    }

    private func remap(_ value: JSONValue, _ missing: inout [String]) -> JSONValue {
        switch value {
        case .object(var fields):
            if let name = fields["name"]?.stringValue, fields["id"] != nil {
                guard let id = sandboxIds[name.lowercased()] else {
                    missing.append(name)
                    return value
                }
                fields["id"] = .string(id)
                fields.removeValue(forKey: "selfUri")
                return .object(fields)
            }
            return .object(fields.mapValues { remap($0, &missing) })
        case .array(let items):
            return .array(items.map { remap($0, &missing) })
        default:
            return value
        }
    }
}

enum RestoreProblem: Error {
    case missingReferences([String])
}
