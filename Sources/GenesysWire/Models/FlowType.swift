/// Architect flow types as bodies spell them (upper case: `INBOUNDCALL`, `INQUEUECALL`, `BOT`);
/// the `type=` query parameter of `GET /api/v2/flows` takes the lower-case form. A type this
/// tool does not know survives decoding unchanged, so a newer platform never breaks a listing.
public enum FlowType: Sendable, Hashable, Codable, CustomStringConvertible {
    case bot, businessProcess, commonModule, digitalBot, emailSend
    case inboundCall, inboundChat, inboundEmail, inboundShortMessage
    case inqueueCall, inqueueEmail, inqueueShortMessage
    case outboundCall, secureCall, speech, surveyInvite, voice, voicemail, voiceSurvey, workflow, workitem
    case other(String)

    public static let known: [FlowType] = [
        .bot, .businessProcess, .commonModule, .digitalBot, .emailSend, .inboundCall, .inboundChat, .inboundEmail,
        .inboundShortMessage, .inqueueCall, .inqueueEmail, .inqueueShortMessage, .outboundCall, .secureCall, .speech,
        .surveyInvite, .voice, .voicemail, .voiceSurvey, .workflow, .workitem,
    ]

    /// Case-insensitive: `inboundcall` and `INBOUNDCALL` are the same type.
    public init(wire: String) {
        let upper = wire.uppercased()
        self = Self.known.first { $0.wireValue == upper } ?? .other(wire)
    }

    public var wireValue: String {
        switch self {
        case .bot: return "BOT"
        case .businessProcess: return "BUSINESSPROCESS"
        case .commonModule: return "COMMONMODULE"
        case .digitalBot: return "DIGITALBOT"
        case .emailSend: return "EMAILSEND"
        case .inboundCall: return "INBOUNDCALL"
        case .inboundChat: return "INBOUNDCHAT"
        case .inboundEmail: return "INBOUNDEMAIL"
        case .inboundShortMessage: return "INBOUNDSHORTMESSAGE"
        case .inqueueCall: return "INQUEUECALL"
        case .inqueueEmail: return "INQUEUEEMAIL"
        case .inqueueShortMessage: return "INQUEUESHORTMESSAGE"
        case .outboundCall: return "OUTBOUNDCALL"
        case .secureCall: return "SECURECALL"
        case .speech: return "SPEECH"
        case .surveyInvite: return "SURVEYINVITE"
        case .voice: return "VOICE"
        case .voicemail: return "VOICEMAIL"
        case .voiceSurvey: return "VOICESURVEY"
        case .workflow: return "WORKFLOW"
        case .workitem: return "WORKITEM"
        case .other(let value): return value
        }
    }

    /// The `type=` query parameter's spelling.
    public var queryValue: String { wireValue.lowercased() }

    public var isKnown: Bool { if case .other = self { return false } else { return true } }

    public init(from decoder: any Decoder) throws {
        self.init(wire: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }

    public var description: String { wireValue }
}
