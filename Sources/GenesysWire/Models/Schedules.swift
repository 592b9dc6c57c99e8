/// `/api/v2/architect/schedules[/{scheduleId}]` (reference model `Schedule`, also the body of
/// its POST and PUT). `start` and `end` are the platform's `LocalDateTime`: a date-time without
/// zone (`2026-01-05T08:00:00.000`), kept as text; `rrule` is an iCalendar recurrence rule.
public struct Schedule: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    public var division: EntityRef?
    public var description: String?
    /// Incremented by every update; a PUT carrying an older one is refused with 409.
    public var version: Int?
    public var dateCreated: String?
    public var dateModified: String?
    public var modifiedBy: String?
    public var createdBy: String?
    /// `active`, `inactive` or `deleted`.
    public var state: String?
    public var modifiedByApp: String?
    public var createdByApp: String?
    public var start: String?
    public var end: String?
    public var rrule: String?
    public var selfUri: String?

    public init(id: String?, name: String?, division: EntityRef? = nil, description: String? = nil, version: Int? = 1,
                state: String? = "active", start: String?, end: String?, rrule: String?) {
        self.id = id
        self.name = name
        self.division = division
        self.description = description
        self.version = version
        self.state = state
        self.start = start
        self.end = end
        self.rrule = rrule
        self.selfUri = id.map { "/api/v2/architect/schedules/\($0)" }
    }
}

/// `/api/v2/architect/schedulegroups[/{scheduleGroupId}]` (reference model `ScheduleGroup`, also
/// the body of its POST and PUT): a time zone and the schedules that open, close and mark
/// holidays, as `DomainEntityRef`s.
public struct ScheduleGroup: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    public var division: EntityRef?
    public var description: String?
    public var version: Int?
    public var dateCreated: String?
    public var dateModified: String?
    public var modifiedBy: String?
    public var createdBy: String?
    public var state: String?
    public var modifiedByApp: String?
    public var createdByApp: String?
    public var timeZone: String?
    public var openSchedules: [EntityRef]?
    public var closedSchedules: [EntityRef]?
    public var holidaySchedules: [EntityRef]?
    public var selfUri: String?

    public init(id: String?, name: String?, division: EntityRef? = nil, version: Int? = 1, state: String? = "active", timeZone: String?,
                openSchedules: [EntityRef]? = nil, closedSchedules: [EntityRef]? = nil, holidaySchedules: [EntityRef]? = nil) {
        self.id = id
        self.name = name
        self.division = division
        self.version = version
        self.state = state
        self.timeZone = timeZone
        self.openSchedules = openSchedules
        self.closedSchedules = closedSchedules
        self.holidaySchedules = holidaySchedules
        self.selfUri = id.map { "/api/v2/architect/schedulegroups/\($0)" }
    }
}
