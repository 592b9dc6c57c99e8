import GenesysWire

/// `POST {listing}` and `PUT {listing}/{id}` of the reference's sandbox-writes part. The body
/// has already passed its reference model (`BodyValidator`). Creates need a `name` no object
/// of the kind already has (409 `conflict` otherwise, so a create retried after a lost answer
/// is caught, never duplicated). Updates of a kind with a `version` (schedules, schedule
/// groups, campaigns, trunk base settings) must carry the current one: any other is a 409
/// `conflict`, as on the platform; a successful update increments it.
extension EmulatorState {
    mutating func create(_ listing: Endpoint.Listing, _ body: JSONValue, _ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let org = org(organization) else { return Reply.notFound(context) }
        guard case .string(let name)? = body["name"], !name.isEmpty else {
            return Reply.badRequest(context, "A name is required to create \(listing.rawValue)", field: "name")
        }
        let division = Self.decoded(EntityRef.self, body["division"]) ?? org.queues.first?.division
        let description = body["description"]?.stringValue
        let id = rng.uuid()
        func exists(_ names: [String?]) -> Bool { names.contains(name) }
        let answer: WireResponse
        switch listing {
        case .queues:
            guard !exists(org.queues.map(\.name)) else { return duplicate(name, context) }
            var queue = Queue(id: id, name: name, division: division, memberCount: 0,
                              skillEvaluationMethod: body["skillEvaluationMethod"]?.stringValue ?? "ALL")
            queue.description = description
            updateOrg(organization) { $0.queues.append(queue) }
            answer = Reply.json(queue, context)
        case .skills:
            guard !exists(org.skills.map(\.name)) else { return duplicate(name, context) }
            let skill = Skill(id: id, name: name)
            updateOrg(organization) { $0.skills.append(skill) }
            answer = Reply.json(skill, context)
        case .wrapupCodes:
            guard !exists(org.wrapupCodes.map(\.name)) else { return duplicate(name, context) }
            let code = WrapupCode(id: id, name: name, division: division, description: description)
            updateOrg(organization) { $0.wrapupCodes.append(code) }
            answer = Reply.json(code, context)
        case .schedules:
            guard !exists(org.schedules.map(\.name)) else { return duplicate(name, context) }
            var schedule = Self.decoded(Schedule.self, body) ?? Schedule(id: nil, name: name, start: nil, end: nil, rrule: nil)
            schedule.id = id
            schedule.selfUri = "\(listing.path)/\(id)"
            schedule.division = division
            schedule.version = 1
            schedule.state = schedule.state ?? "active"
            updateOrg(organization) { $0.schedules.append(schedule) }
            answer = Reply.json(schedule, context)
        case .scheduleGroups:
            guard !exists(org.scheduleGroups.map(\.name)) else { return duplicate(name, context) }
            var group = Self.decoded(ScheduleGroup.self, body) ?? ScheduleGroup(id: nil, name: name, timeZone: nil)
            group.id = id
            group.selfUri = "\(listing.path)/\(id)"
            group.division = division
            group.version = 1
            group.state = group.state ?? "active"
            updateOrg(organization) { $0.scheduleGroups.append(group) }
            answer = Reply.json(group, context)
        case .dataTables:
            guard !exists(org.dataTables.map(\.name)) else { return duplicate(name, context) }
            var table = DataTable(id: id, name: name, division: division)
            table.description = description
            table.schema = body["schema"]
            updateOrg(organization) { $0.dataTables.append(table) }
            answer = Reply.json(table, context)
        default:
            return Reply.notFound(context)
        }
        return answer
    }

    mutating func update(_ listing: Endpoint.Listing, _ id: String, _ body: JSONValue, _ context: RequestContext) -> WireResponse {
        guard let organization = context.organization, let org = org(organization) else { return Reply.notFound(context) }
        let version = body["version"].flatMap(Self.intValue)
        func missing(_ kind: String) -> WireResponse { Reply.notFound(context, "\(kind) \(id) not found") }
        switch listing {
        case .queues:
            guard let index = org.queues.firstIndex(where: { $0.id == id }) else { return missing("Queue") }
            var queue = org.queues[index]
            if let name = body["name"]?.stringValue, !name.isEmpty { queue.name = name }
            if body["description"] != nil { queue.description = body["description"]?.stringValue }
            if let method = body["skillEvaluationMethod"]?.stringValue { queue.skillEvaluationMethod = method }
            if let division = Self.decoded(EntityRef.self, body["division"]) { queue.division = division }
            updateOrg(organization) { $0.queues[index] = queue }
            return Reply.json(queue, context)
        case .wrapupCodes:
            guard let index = org.wrapupCodes.firstIndex(where: { $0.id == id }) else { return missing("Wrap-up code") }
            var code = org.wrapupCodes[index]
            if let name = body["name"]?.stringValue, !name.isEmpty { code.name = name }
            if body["description"] != nil { code.description = body["description"]?.stringValue }
            updateOrg(organization) { $0.wrapupCodes[index] = code }
            return Reply.json(code, context)
        case .schedules:
            guard let index = org.schedules.firstIndex(where: { $0.id == id }) else { return missing("Schedule") }
            if let stale = staleVersion(version, current: org.schedules[index].version, context) { return stale }
            guard var schedule = Self.decoded(Schedule.self, body) else { return Reply.badRequest(context, "Not a schedule", field: "body") }
            schedule.id = id
            schedule.selfUri = org.schedules[index].selfUri
            schedule.division = schedule.division ?? org.schedules[index].division
            schedule.name = schedule.name ?? org.schedules[index].name
            schedule.version = (org.schedules[index].version ?? 1) + 1
            updateOrg(organization) { $0.schedules[index] = schedule }
            return Reply.json(schedule, context)
        case .scheduleGroups:
            guard let index = org.scheduleGroups.firstIndex(where: { $0.id == id }) else { return missing("Schedule group") }
            if let stale = staleVersion(version, current: org.scheduleGroups[index].version, context) { return stale }
            guard var group = Self.decoded(ScheduleGroup.self, body) else { return Reply.badRequest(context, "Not a schedule group", field: "body") }
            group.id = id
            group.selfUri = org.scheduleGroups[index].selfUri
            group.division = group.division ?? org.scheduleGroups[index].division
            group.name = group.name ?? org.scheduleGroups[index].name
            group.version = (org.scheduleGroups[index].version ?? 1) + 1
            updateOrg(organization) { $0.scheduleGroups[index] = group }
            return Reply.json(group, context)
        case .dataTables:
            guard let index = org.dataTables.firstIndex(where: { $0.id == id }) else { return missing("Data table") }
            var table = org.dataTables[index]
            if body["description"] != nil { table.description = body["description"]?.stringValue }
            if let schema = body["schema"] { table.schema = schema }
            updateOrg(organization) { $0.dataTables[index] = table }
            return Reply.json(table, context)
        case .credentials:
            guard let index = org.credentials.firstIndex(where: { $0.id == id }) else { return missing("Credential") }
            var credential = org.credentials[index]
            let given = Self.decoded(Credential.self, body)
            credential.name = given?.name ?? credential.name
            credential.type = given?.type ?? credential.type
            credential.credentialFields = given?.credentialFields ?? credential.credentialFields
            updateOrg(organization) { $0.credentials[index] = credential }
            return Reply.json(CredentialInfo(id: credential.id, name: credential.name, type: credential.type), context)
        case .campaigns:
            guard let index = org.campaigns.firstIndex(where: { $0.id == id }) else { return missing("Campaign") }
            if let stale = staleVersion(version, current: org.campaigns[index].version, context) { return stale }
            guard var campaign = Self.decoded(Campaign.self, body) else { return Reply.badRequest(context, "Not a campaign", field: "body") }
            let current = org.campaigns[index]
            campaign.id = id
            campaign.selfUri = current.selfUri
            campaign.name = campaign.name ?? current.name
            campaign.campaignStatus = campaign.campaignStatus ?? current.campaignStatus
            campaign.dialingMode = campaign.dialingMode ?? current.dialingMode
            campaign.contactList = campaign.contactList ?? current.contactList
            campaign.queue = campaign.queue ?? current.queue
            campaign.division = campaign.division ?? current.division
            campaign.version = (current.version ?? 1) + 1
            updateOrg(organization) { $0.campaigns[index] = campaign }
            return Reply.json(campaign, context)
        case .trunkBaseSettings:
            guard let index = org.trunkBases.firstIndex(where: { $0.id == id }) else { return missing("Trunk base settings") }
            var base = org.trunkBases[index]
            if let stale = staleVersion(version, current: base.version ?? 1, context) { return stale }
            if let name = body["name"]?.stringValue, !name.isEmpty { base.name = name }
            if body["description"] != nil { base.description = body["description"]?.stringValue }
            if case .object(let properties)? = body["properties"] { base.properties = properties }
            base.version = (base.version ?? 1) + 1
            updateOrg(organization) { $0.trunkBases[index] = base }
            return Reply.json(base, context)
        default:
            return Reply.notFound(context)
        }
    }

    /// nil when `given` is the current version; otherwise the platform's 409.
    func staleVersion(_ given: Int?, current: Int?, _ context: RequestContext) -> WireResponse? {
        let current = current ?? 1
        guard given != current else { return nil }
        let message = given.map { "The version supplied (\($0)) is not the current version (\(current)); read the object again and retry" }
            ?? "The current version (\(current)) must be supplied"
        return Reply.error(409, ErrorCode.conflict, message, context, details: [ErrorBody.Detail(errorCode: ErrorCode.conflict, fieldName: "version")])
    }

    private func duplicate(_ name: String, _ context: RequestContext) -> WireResponse {
        Reply.error(409, ErrorCode.conflict, "An object named '\(name)' already exists", context,
                    details: [ErrorBody.Detail(errorCode: ErrorCode.conflict, fieldName: "name")])
    }

    static func decoded<T: Decodable>(_ type: T.Type, _ value: JSONValue?) -> T? {
        guard let value else { return nil }
        return try? WireCoding.decode(T.self, from: WireCoding.encode(value))
    }

    static func intValue(_ value: JSONValue) -> Int? {
        if case .number(let number) = value, number.rounded() == number { return Int(number) }
        return nil
    }
}
