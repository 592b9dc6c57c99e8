import GenesysWire

/// Listings and get-by-id of the kinds the reference's sandbox-writes part adds. As on the
/// platform: a credential's fields are redacted on GET and absent from the listing (whose
/// entries are `CredentialInfo`s); an integration carries its current configuration only with
/// `expand=config.current`; a data action its `config` only with `includeConfig=true`; a data
/// table its schema only with `expand=schema`.
extension EmulatorState {
    func listSandboxWrites(_ listing: Endpoint.Listing, _ org: OrgData, _ context: RequestContext, _ filter: ListingFilter) -> PendingResponse {
        switch listing {
        case .wrapupCodes:
            return page(org.wrapupCodes, context, filter) { filter.matches(id: $0.id ?? "", name: $0.name ?? "", divisionId: $0.division?.id) }
        case .schedules:
            return page(org.schedules, context, filter) { filter.matches(id: $0.id ?? "", name: $0.name ?? "", divisionId: $0.division?.id) }
        case .scheduleGroups:
            return page(org.scheduleGroups, context, filter) { filter.matches(id: $0.id ?? "", name: $0.name ?? "", divisionId: $0.division?.id) }
        case .integrations:
            let expand = Self.expands(context, "config.current")
            return page(org.integrations, context, filter, matches: { _ in true }, entity: { Self.shown($0, org, expand: expand) })
        case .credentials:
            return page(org.credentials, context, filter, matches: { _ in true },
                        entity: { CredentialInfo(id: $0.id, name: $0.name, type: $0.type) })
        case .dataActions:
            let include = (context.query["includeConfig"] ?? "false").lowercased() == "true"
            return page(org.dataActions, context, filter, matches: { filter.matches(id: $0.id ?? "", name: $0.name ?? "") },
                        entity: { Self.shown($0, includeConfig: include) })
        case .campaigns:
            return page(org.campaigns, context, filter) { filter.matches(id: $0.id ?? "", name: $0.name ?? "", divisionId: $0.division?.id) }
        default:
            return PendingResponse(Reply.notFound(context))
        }
    }

    func entitySandboxWrites(_ listing: Endpoint.Listing, _ id: String, _ org: OrgData, _ context: RequestContext) -> PendingResponse {
        func answer<E: Encodable & Sendable>(_ found: E?, _ kind: String) -> PendingResponse {
            found.map { Reply.deferredJSON($0, context) } ?? PendingResponse(Reply.notFound(context, "\(kind) \(id) not found"))
        }
        switch listing {
        case .wrapupCodes: return answer(org.wrapupCodes.first { $0.id == id }, "Wrap-up code")
        case .schedules: return answer(org.schedules.first { $0.id == id }, "Schedule")
        case .scheduleGroups: return answer(org.scheduleGroups.first { $0.id == id }, "Schedule group")
        case .integrations:
            return answer(org.integrations.first { $0.id == id }.map { Self.shown($0, org, expand: Self.expands(context, "config.current")) }, "Integration")
        case .credentials:
            return answer(org.credentials.first { $0.id == id }.map(Self.redacted), "Credential")
        case .dataActions:
            let include = (context.query["includeConfig"] ?? "false").lowercased() == "true"
            return answer(org.dataActions.first { $0.id == id }.map { Self.shown($0, includeConfig: include) }, "Action")
        case .campaigns: return answer(org.campaigns.first { $0.id == id }, "Campaign")
        default: return PendingResponse(Reply.notFound(context))
        }
    }

    static func expands(_ context: RequestContext, _ what: String) -> Bool {
        (context.queryValues["expand"] ?? []).contains(what)
    }

    static func shown(_ integration: Integration, _ org: OrgData, expand: Bool) -> Integration {
        var shown = integration
        if expand, let id = integration.id { shown.config = Integration.ConfigInfo(current: org.integrationConfigs[id]) }
        return shown
    }

    static func shown(_ action: DataAction, includeConfig: Bool) -> DataAction {
        var shown = action
        if !includeConfig { shown.config = nil }
        return shown
    }

    static func shown(_ table: DataTable, schema: Bool, rows: [[String: JSONValue]]) -> DataTable {
        var shown = table
        shown.schema = schema ? Self.schema(of: table, rows: rows) : nil
        return shown
    }

    /// Sensitive fields are never sent back: each value is replaced, its name kept.
    static func redacted(_ credential: Credential) -> Credential {
        var shown = credential
        shown.credentialFields = credential.credentialFields?.mapValues { _ in "********" }
        return shown
    }
}
