import Executor
import Foundation
import GenesysWire
import PlanGraph

/// The body each channel receives. Slack and Teams get their own card formats; `webhook` gets
/// the documented JSON (docs/notifications.md), whose field names are a contract.
enum NotificationBody {
    static func encode(_ notice: RunNotice, for channel: NotificationChannel) -> Data {
        switch channel {
        case .slack: return WireCoding.encode(slack(notice))
        case .teams: return WireCoding.encode(teams(notice))
        case .webhook: return WireCoding.encode(WebhookPayload(notice))
        }
    }

    /// The generic webhook's JSON; `schemaVersion` changes only when a field is removed or
    /// changes meaning.
    struct WebhookPayload: Encodable {
        var schemaVersion = 1
        var event: String
        var text: String
        var errorMessage: String?
        var runId: String
        var sandboxId: String
        var plan: String
        var scope: String
        var outcome: String
        var exitCode: Int32
        var failedStep: String?
        var refreshIds: [String]
        var artifactLocation: String

        init(_ n: RunNotice) {
            event = n.event.rawValue
            text = n.text
            errorMessage = n.errorMessage
            runId = n.runId
            sandboxId = n.sandboxId
            plan = n.plan
            scope = n.scope
            outcome = n.outcome
            exitCode = n.exitCode
            failedStep = n.failedStep
            refreshIds = n.refreshIds
            artifactLocation = n.artifactLocation
        }

        // Absent optionals are written as null, so receivers see every documented key.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(schemaVersion, forKey: .schemaVersion)
            try c.encode(event, forKey: .event)
            try c.encode(text, forKey: .text)
            try c.encode(errorMessage, forKey: .errorMessage)
            try c.encode(runId, forKey: .runId)
            try c.encode(sandboxId, forKey: .sandboxId)
            try c.encode(plan, forKey: .plan)
            try c.encode(scope, forKey: .scope)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(exitCode, forKey: .exitCode)
            try c.encode(failedStep, forKey: .failedStep)
            try c.encode(refreshIds, forKey: .refreshIds)
            try c.encode(artifactLocation, forKey: .artifactLocation)
        }

        enum Keys: String, CodingKey {
            case schemaVersion, event, text, errorMessage, runId, sandboxId, plan, scope, outcome, exitCode, failedStep, refreshIds, artifactLocation
        }
    }

    /// Slack incoming webhook: `text` is the notification fallback, `blocks` the message
    /// (Block Kit limits: header 150 characters, section text 3000).
    static func slack(_ n: RunNotice) -> JSONValue {
        func text(_ type: String, _ value: String) -> JSONValue { .object(["type": .string(type), "text": .string(value)]) }
        var blocks: [JSONValue] = [
            .object(["type": .string("header"), "text": text("plain_text", clip(n.headline, 150))]),
            .object(["type": .string("section"), "fields": .array(n.facts.map { text("mrkdwn", clip("*\($0.title)*\n\($0.value)", 2000)) })]),
        ]
        if let message = n.errorMessage, !message.isEmpty {
            blocks.append(.object(["type": .string("section"), "text": text("mrkdwn", "*Error*\n" + clip(message, 2900))]))
        }
        blocks.append(.object(["type": .string("context"), "elements": .array([text("mrkdwn", clip("Artifacts: \(n.artifactLocation)", 2000))])]))
        return .object(["text": .string(n.text), "blocks": .array(blocks)])
    }

    /// Microsoft Teams: a message whose attachment is an Adaptive Card 1.4 (what incoming
    /// webhooks and Workflows accept).
    static func teams(_ n: RunNotice) -> JSONValue {
        func block(_ value: String, _ extra: [String: JSONValue] = [:]) -> JSONValue {
            .object(["type": .string("TextBlock"), "text": .string(value), "wrap": .bool(true)].merging(extra) { $1 })
        }
        var body: [JSONValue] = [
            block(n.headline, ["size": .string("Large"), "weight": .string("Bolder"), "color": .string(n.event == .success ? "Good" : "Attention")]),
            .object(["type": .string("FactSet"), "facts": .array(n.facts.map { .object(["title": .string($0.title), "value": .string($0.value)]) })]),
        ]
        if let message = n.errorMessage, !message.isEmpty { body.append(block(clip(message, 4000))) }
        body.append(block("Artifacts: \(n.artifactLocation)", ["isSubtle": .bool(true)]))
        let card: JSONValue = .object([
            "$schema": .string("http://adaptivecards.io/schemas/adaptive-card.json"),
            "type": .string("AdaptiveCard"),
            "version": .string("1.4"),
            "body": .array(body),
        ])
        return .object([
            "type": .string("message"),
            "summary": .string(n.text),
            "attachments": .array([.object(["contentType": .string("application/vnd.microsoft.card.adaptive"), "contentUrl": .null, "content": card])]),
        ])
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
