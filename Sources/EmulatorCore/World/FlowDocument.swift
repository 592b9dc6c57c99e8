import Foundation
import GenesysWire
import YAMLDocument

/// The emulator's flow file, what its export jobs' `downloadUrl` serves and its import jobs
/// take: YAML in the style of Archy (Genesys's flow tool), one document per flow, documents
/// separated by `---` lines. A document's only top-level key is the flow type in Archy's
/// spelling (`inboundCall`, `inQueueCall`, `commonModule`, ...); under it `name`, `division`,
/// `description` (when set), `settings` (text values) and `references`, each reference one
/// `kind: name` pair, BY NAME, never by id, so that a file exported from one organization
/// imports into another:
///
/// ```yaml
/// inboundCall:
///   name: "DEV-Inboundcall Flow 1"
///   division: "Home"
///   settings:
///     greeting: "Developer build 1: thanks for testing"
///   references:
///     - queue: "Billing - EMEA 1"
///     - scheduleGroup: "Main Line Hours"
/// ---
/// ```
///
/// Reference kinds: `queue`, `skill`, `flow`, `dataTable`, `scheduleGroup`. Strings are written
/// double-quoted; any YAML that parses to the same structure imports the same.
enum FlowDocument {
    struct Parsed: Sendable, Hashable {
        var type: FlowType
        var name: String
        var division: String?
        var description: String?
        var settings: [String: String]
        /// (kind, name) in document order.
        var references: [Reference]
    }

    struct Reference: Sendable, Hashable {
        var kind: String
        var name: String
    }

    static let archyKeys: [String: String] = [
        "INBOUNDCALL": "inboundCall", "INQUEUECALL": "inQueueCall", "INBOUNDCHAT": "inboundChat", "INBOUNDEMAIL": "inboundEmail",
        "INBOUNDSHORTMESSAGE": "inboundShortMessage", "INQUEUEEMAIL": "inQueueEmail", "INQUEUESHORTMESSAGE": "inQueueShortMessage",
        "OUTBOUNDCALL": "outboundCall", "SECURECALL": "secureCall", "BOT": "bot", "DIGITALBOT": "digitalBot",
        "COMMONMODULE": "commonModule", "WORKFLOW": "workflow", "WORKITEM": "workitem", "VOICEMAIL": "voicemail",
        "SURVEYINVITE": "surveyInvite", "VOICESURVEY": "voiceSurvey", "SPEECH": "speech", "VOICE": "voice",
        "BUSINESSPROCESS": "businessProcess", "EMAILSEND": "emailSend",
    ]

    static func archyKey(_ type: FlowType?) -> String {
        let wire = type?.wireValue ?? "INBOUNDCALL"
        return archyKeys[wire] ?? wire.lowercased()
    }

    static func flowType(archyKey key: String) -> FlowType? {
        archyKeys.first { $0.value == key }.map { FlowType(wire: $0.key) }
    }

    /// The name of the object a reference points at in `org`, or `#<id>` when it points at
    /// nothing (an import then fails naming it).
    static func name(of reference: FlowReference, in org: OrgData) -> String {
        let found: String?
        switch reference.type {
        case "queue": found = org.queues.first { $0.id == reference.id }?.name
        case "skill": found = org.skills.first { $0.id == reference.id }?.name
        case "flow": found = org.flows.first { $0.flow.id == reference.id }?.flow.name
        case "dataTable": found = org.dataTables.first { $0.id == reference.id }?.name
        case "scheduleGroup": found = org.scheduleGroups.first { $0.id == reference.id }?.name
        default: found = nil
        }
        return found ?? "#\(reference.id)"
    }

    static func render(_ definition: FlowDefinition, in org: OrgData) -> String {
        let flow = definition.flow
        var lines = ["\(archyKey(flow.type)):", "  name: \(quote(flow.name))"]
        if let division = flow.division?.name { lines.append("  division: \(quote(division))") }
        if let description = flow.description { lines.append("  description: \(quote(description))") }
        if !definition.settings.isEmpty {
            lines.append("  settings:")
            for (key, value) in definition.settings.sorted(by: { $0.key < $1.key }) { lines.append("    \(key): \(quote(value))") }
        }
        if !definition.references.isEmpty {
            lines.append("  references:")
            for reference in definition.references { lines.append("    - \(reference.type): \(quote(name(of: reference, in: org)))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Several flows: one document each, `---` between them.
    static func render(_ definitions: [FlowDefinition], in org: OrgData) -> String {
        definitions.map { render($0, in: org) }.joined(separator: "---\n")
    }

    /// A YAML double-quoted scalar (JSON's escapes are YAML's).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(scalar.value, radix: 16).leftPadded(2) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    struct Problem: Error, Sendable, Hashable { var message: String }

    /// Every flow of a file (documents split at `---` lines).
    static func parse(_ text: String) -> Result<[Parsed], Problem> {
        var documents: [[Substring]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "---" { documents.append([]) } else { documents[documents.count - 1].append(line) }
        }
        var flows: [Parsed] = []
        for document in documents {
            let body = document.joined(separator: "\n")
            guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            switch parseOne(body) {
            case .success(let parsed): flows.append(parsed)
            case .failure(let problem): return .failure(problem)
            }
        }
        return flows.isEmpty ? .failure(Problem(message: "The file holds no flow")) : .success(flows)
    }

    private static func parseOne(_ text: String) -> Result<Parsed, Problem> {
        let root: YAMLNode
        do { root = try YAMLParser.parse(text) } catch { return .failure(Problem(message: "The flow file is not valid YAML: \(error.message)")) }
        guard let top = root.mapping, top.count == 1, let key = top[0].key.scalar?.text else {
            return .failure(Problem(message: "A flow document has exactly one top-level key, the flow type (inboundCall, commonModule, ...)"))
        }
        guard let type = flowType(archyKey: key) else { return .failure(Problem(message: "Unknown flow type '\(key)'")) }
        let flow = top[0].value
        guard let name = flow["name"]?.scalar?.text, !name.isEmpty else { return .failure(Problem(message: "The \(key) flow has no name")) }
        var settings: [String: String] = [:]
        for pair in flow["settings"]?.mapping ?? [] {
            if let key = pair.key.scalar?.text { settings[key] = pair.value.scalar?.text ?? "" }
        }
        var references: [Reference] = []
        for item in flow["references"]?.sequence ?? [] {
            guard let pair = item.mapping?.first, let kind = pair.key.scalar?.text, let target = pair.value.scalar?.text else {
                return .failure(Problem(message: "Each reference of flow '\(name)' is one 'kind: name' pair"))
            }
            references.append(Reference(kind: kind, name: target))
        }
        return .success(Parsed(type: type, name: name, division: flow["division"]?.scalar?.text, description: flow["description"]?.scalar?.text,
                               settings: settings, references: references))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
