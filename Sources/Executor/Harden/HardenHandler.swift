import Foundation
import GenesysClient
import GenesysWire
import PlanGraph

/// The `harden.<chain>` step: after a completed refresh, before its gates, every `harden`
/// action reads the sandbox, compares and writes only what differs. Versioned kinds carry the
/// version just read, so a resumed run finds its earlier writes in place and sends nothing again.
/// Credentials cannot be compared (GET redacts them): each write is journaled before (intent) and
/// after (completion); a resume writes again only those with intent and no completion.
enum HardenHandler {
    static func run(_ chain: Chain, _ settings: HardenSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let step = "harden.\(chain.rawValue)"
        // Secrets first: nothing is sent when one cannot be resolved.
        var credentialValues: [String: [String: String]] = [:]
        for rewrite in settings.credentials {
            do {
                credentialValues[rewrite.name] = try rewrite.fields.mapValues { try ctx.secrets.resolve($0) }
            } catch {
                return .failure(StepFailure(.invalidPlan, "\(step): a secret of harden.credentials '\(rewrite.name)' cannot be resolved: \(error)"))
            }
        }
        let hardener = Hardener(step: step, settings: settings, sandbox: ctx.sandbox, journal: { effect in
            try await ctx.write(.aboutToSend(step: step, effect: effect))
        }, alreadyWritten: { name in
            ctx.resume?.hardenedCredentials.contains("\(step)/\(name)") ?? false
        })
        var objects: [HardenedObject] = []
        do {
            if let allow = settings.campaignAllow { objects += try await hardener.campaigns(allow: allow) }
            if let allow = settings.triggerAllow { objects += try await hardener.triggers(allow: allow) }
            if !settings.integrations.isEmpty { objects += try await hardener.integrations() }
            if !settings.credentials.isEmpty { objects += try await hardener.credentials(values: credentialValues) }
            if let value = settings.trunkRegistration { objects += try await hardener.trunkBases(value: value) }
        } catch let error as APIError {
            state.hardening += hardener.done
            return .apiFailure(error)
        } catch let failure as StepFailure {
            state.hardening += hardener.done
            return .failure(failure)
        } catch {
            state.hardening += hardener.done
            return .failure(StepFailure(.apiError, "\(error)"))
        }
        state.hardening += objects
        let changed = objects.filter { $0.action == .changed }
        var counts: [String: Int] = [:]
        for object in changed { counts[object.kind, default: 0] += 1 }
        let text = counts.isEmpty ? "nothing to change" : counts.keys.sorted().map { "\(counts[$0]!) \($0)(s)" }.joined(separator: ", ") + " changed"
        ctx.emit("harden.done", step: step, "hardened the sandbox: \(text); \(objects.count - changed.count) already as the plan asks or allowed")
        return .success
    }
}
