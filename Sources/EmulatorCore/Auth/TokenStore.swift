import Timekeeping

/// Every access token the emulated login host has issued, client and user alike.
struct TokenStore: Sendable {
    struct Record: Sendable {
        var organization: String
        var clientId: String?
        var userId: String?
        var issuedAt: Moment
        var expiresAt: Moment
        /// Why the token stopped working early (revoked, users replaced, expiry fault).
        var invalidated: String?
    }

    enum Check: Sendable {
        case valid(Record)
        case invalid(String)
    }

    private var records: [String: Record] = [:]

    mutating func insert(_ token: String, _ record: Record) {
        records[token] = record
    }

    func check(_ token: String, now: Moment) -> Check {
        guard let record = records[token] else { return .invalid("Invalid login credentials.") }
        if let reason = record.invalidated { return .invalid(reason) }
        if now >= record.expiresAt { return .invalid("The access token has expired.") }
        return .valid(record)
    }

    /// Invalidates the organization's tokens issued at or before `moment` (optionally only
    /// those of one user); returns how many stopped working.
    @discardableResult
    mutating func invalidate(organization: String?, userId: String? = nil, token: String? = nil, issuedUpTo moment: Moment, reason: String) -> Int {
        var count = 0
        for (key, record) in records where record.invalidated == nil && record.issuedAt <= moment {
            if let organization, record.organization != organization { continue }
            if let userId, record.userId != userId { continue }
            if let token, key != token { continue }
            records[key]?.invalidated = reason
            count += 1
        }
        return count
    }
}
