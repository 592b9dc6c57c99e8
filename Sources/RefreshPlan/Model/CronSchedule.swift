import Foundation

/// A five-field cron expression (minute hour day-of-month month day-of-week), parsed and
/// range-checked so that `cron` output never installs a line crontab would reject.
public struct CronSchedule: Sendable, Hashable, Codable {
    public var expression: String
    /// IANA time zone the expression is meant in; nil means the host's zone.
    public var timezone: String?

    public struct Field: Sendable, Hashable {
        public var name: String
        public var range: ClosedRange<Int>
        public var names: [String]
        /// Lowest value a name list maps to (JAN is 1, SUN is 0).
        public var nameBase: Int
    }

    public static let fields: [Field] = [
        Field(name: "minute", range: 0...59, names: [], nameBase: 0),
        Field(name: "hour", range: 0...23, names: [], nameBase: 0),
        Field(name: "day of month", range: 1...31, names: [], nameBase: 1),
        Field(name: "month", range: 1...12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], nameBase: 1),
        // 7 is Sunday too, as in Vixie cron.
        Field(name: "day of week", range: 0...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], nameBase: 0),
    ]

    public init(expression: String, timezone: String? = nil) {
        self.expression = expression
        self.timezone = timezone
    }

    /// The set of values each field allows, or the first problem found.
    public static func parse(_ expression: String) -> Result<[Set<Int>], CronError> {
        parseMasks(expression).map { masks in
            masks.map { mask in Set((0..<64).filter { mask & (1 << UInt64($0)) != 0 }) }
        }
    }

    /// The first problem in `expression`, or nil when crontab would accept it. Remembered per
    /// expression: a fleet's plans share a handful of schedules.
    public static func problem(in expression: String) -> CronError? {
        checkedExpressions.problem(in: expression) {
            if case .failure(let error) = parseMasks($0) { return error }
            return nil
        }
    }

    private static let checkedExpressions = CheckedExpressions()

    /// Each field's allowed values as bits (bit n: value n); every field's range fits in 64.
    private static func parseMasks(_ expression: String) -> Result<[UInt64], CronError> {
        let parts = expression.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 5 else {
            return .failure(CronError(message: "a cron schedule has 5 fields (minute hour day-of-month month day-of-week); found \(parts.count)"))
        }
        var masks: [UInt64] = []
        masks.reserveCapacity(5)
        for (part, field) in zip(parts, fields) {
            switch parseField(part, field) {
            case .success(let mask): masks.append(mask)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(masks)
    }

    public struct CronError: Error, Sendable, Hashable { public var message: String }

    private static func parseField(_ text: Substring, _ field: Field) -> Result<UInt64, CronError> {
        var values: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let fail = { (why: String) in Result<UInt64, CronError>.failure(CronError(message: "invalid \(field.name) '\(item)': \(why)")) }
            guard !item.isEmpty else { return fail("empty list item") }
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { return fail("more than one '/'") }
            var step = 1
            if stepParts.count == 2 {
                guard let value = Int(stepParts[1]), value >= 1 else { return fail("the step must be a positive integer") }
                guard value <= field.range.upperBound else { return fail("step \(value) is larger than the field's range \(field.range.lowerBound)-\(field.range.upperBound)") }
                step = value
            }
            let base = stepParts[0]
            var low: Int
            var high: Int
            if base == "*" {
                low = field.range.lowerBound
                high = field.name == "day of week" ? 6 : field.range.upperBound
            } else {
                let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else { return fail("more than one '-'") }
                guard let first = value(bounds[0], field) else {
                    return fail("'\(bounds[0])' is not a number in \(field.range.lowerBound)-\(field.range.upperBound)\(field.names.isEmpty ? "" : " or a name like \(field.names[0])")")
                }
                low = first
                high = first
                if bounds.count == 2 {
                    guard let last = value(bounds[1], field) else {
                        return fail("'\(bounds[1])' is not a number in \(field.range.lowerBound)-\(field.range.upperBound)")
                    }
                    guard first <= last else { return fail("range \(first)-\(last) is backwards") }
                    high = last
                } else if stepParts.count == 2 {
                    high = field.range.upperBound
                }
            }
            for value in stride(from: low, through: high, by: step) {
                values |= 1 << UInt64(field.name == "day of week" && value == 7 ? 0 : value)
            }
        }
        return .success(values)
    }

    private static func value(_ text: Substring, _ field: Field) -> Int? {
        if let number = Int(text), text.allSatisfy(\.isNumber) {
            return field.range.contains(number) ? number : nil
        }
        if let index = field.names.firstIndex(of: text.uppercased()) { return index + field.nameBase }
        return nil
    }

    /// The next `count` times the schedule fires strictly after `date`, in `timezone`
    /// (or `calendar`'s zone). Searches at most one year ahead.
    public func nextFireDates(after date: Date, count: Int, calendar: Calendar = Calendar(identifier: .gregorian)) -> [Date] {
        guard case .success(let sets) = Self.parse(expression) else { return [] }
        var calendar = calendar
        if let timezone, let zone = TimeZone(identifier: timezone) { calendar.timeZone = zone }
        // Vixie cron: when both day fields are restricted, a day matches if either does.
        let domRestricted = sets[2].count < 31
        let dowRestricted = sets[4].count < 7
        var results: [Date] = []
        var minuteStart = calendar.dateInterval(of: .minute, for: date)?.start ?? date
        minuteStart = minuteStart.addingTimeInterval(60)
        let limit = date.addingTimeInterval(366 * 24 * 3600)
        var current = minuteStart
        while results.count < count, current <= limit {
            let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: current)
            let dayOfWeek = (c.weekday ?? 1) - 1
            let domMatch = sets[2].contains(c.day ?? 0)
            let dowMatch = sets[4].contains(dayOfWeek)
            let dayMatch = domRestricted && dowRestricted ? (domMatch || dowMatch) : (domMatch && dowMatch)
            guard sets[3].contains(c.month ?? 0), dayMatch else {
                current = calendar.nextDate(after: current, matching: DateComponents(hour: 0, minute: 0), matchingPolicy: .nextTime) ?? limit.addingTimeInterval(1)
                continue
            }
            if sets[1].contains(c.hour ?? -1), sets[0].contains(c.minute ?? -1) {
                results.append(current)
            }
            current = current.addingTimeInterval(60)
        }
        return results
    }
}

/// Cron expressions already checked, and their problem if any; at most 1,024 are kept.
private final class CheckedExpressions: @unchecked Sendable {
    private let lock = NSLock()
    private var problems: [String: CronSchedule.CronError?] = [:]

    func problem(in expression: String, check: (String) -> CronSchedule.CronError?) -> CronSchedule.CronError? {
        if let known = lock.withLock({ problems[expression] }) { return known }
        let problem = check(expression)
        lock.withLock { if problems.count < 1024 { problems[expression] = problem } }
        return problem
    }
}
