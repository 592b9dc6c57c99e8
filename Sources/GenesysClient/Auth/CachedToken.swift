import Timekeeping

/// A bearer token and when to stop using it. Deliberately not `CustomStringConvertible`
/// with the value: printing it shows only its timing.
struct CachedToken: Sendable, CustomStringConvertible {
    let value: String
    let issuedAt: Moment
    let expiresAt: Moment
    let renewAt: Moment

    /// The SDKs renew 60 s before expiry; a token living under two minutes is renewed at
    /// half its life so that it is ever used at all.
    init(value: String, expiresIn: Int, issuedAt: Moment) {
        self.value = value
        self.issuedAt = issuedAt
        let lifetime = Duration.seconds(max(1, expiresIn))
        let margin = min(Duration.seconds(60), lifetime / 2)
        expiresAt = issuedAt.advanced(by: lifetime)
        renewAt = expiresAt.advanced(by: .zero - margin)
    }

    func isFresh(at now: Moment) -> Bool { now < renewAt }

    var description: String { "token issued \(issuedAt), renew at \(renewAt)" }
}
