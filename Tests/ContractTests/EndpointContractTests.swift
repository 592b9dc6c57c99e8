import EmulatorCore
import Foundation
import GenesysWire
import Testing

/// The contract: every real endpoint the emulator serves answers with bodies the platform's own
/// reference describes (every key known, every type and enum value right, recursively), and
/// the tool's models decode them. The guide's endpoints are held to `guide.schema.json`.
@Suite("emulator bodies follow the platform reference")
struct EndpointContractTests {
    static let reference = try! ReferenceSchema.load()
    static let guide = try! ReferenceSchema.load("guide.schema.json")

    /// Endpoints of `endpoints.json` the emulator deliberately does not serve, and why.
    static let notServed: [String: String] = [
        "GET /api/v2/users/me": "needs a user's token; the tool only ever holds client-credentials tokens",
    ]

    @Test(arguments: ProbeCatalog.platform + ProbeCatalog.guide)
    func bodyFollowsTheReferenceAndDecodes(_ probe: Probe) async throws {
        let world = ContractWorld()
        let call = await probe.call(world)
        let response = await world.send(call)
        #expect(response.status == probe.status, "\(probe.testDescription): HTTP \(response.status) \(String(decoding: response.body.prefix(300), as: UTF8.self))")
        guard let model = probe.model else {
            #expect(response.body.isEmpty, "\(probe.testDescription): a \(response.status) has no body")
            return
        }
        let schema = probe.guide && model != "ErrorBody" ? Self.guide : Self.reference
        let problems = schema.problems(response.body, model: model)
        #expect(problems.isEmpty, "\(probe.testDescription) departs from \(model):\n\(problems.prefix(20).joined(separator: "\n"))")
        if let decode = probe.decode {
            #expect(throws: Never.self, "\(probe.testDescription): the tool's model does not decode it") { try decode(response.body) }
        }
    }

    @Test func everyReferenceEndpointIsServedAndProbed() async throws {
        let probed = Set(ProbeCatalog.platform.map(\.endpoint))
        let reference = Set(Self.reference.endpoints.map(\.key))
        #expect(probed.subtracting(reference).isEmpty, "probes name endpoints the reference does not have: \(probed.subtracting(reference).sorted())")
        let missing = reference.subtracting(probed).subtracting(Self.notServed.keys)
        #expect(missing.isEmpty, "reference endpoints without a probe: \(missing.sorted())")
        // Served ones must not be 404 for want of a route; unserved ones must be an honest 404.
        let world = ContractWorld()
        for key in Self.notServed.keys.sorted() {
            let parts = key.split(separator: " ")
            let response = await world.send(ContractWorld.Call(method: HTTPMethod(rawValue: String(parts[0]))!, path: String(parts[1])))
            #expect(response.status == 404, "\(key) is listed as not served but answered \(response.status)")
            #expect(Self.reference.problems(response.body, model: "ErrorBody").isEmpty)
        }
    }

    @Test func everyProbedModelIsInTheReference() {
        for probe in ProbeCatalog.platform {
            guard let model = probe.model else { continue }
            #expect(Self.reference.hasModel(model), "\(probe.testDescription): \(model)")
            if model != "ErrorBody", probe.status == 200, let entry = Self.reference.endpoints.first(where: { $0.key == probe.endpoint }) {
                #expect(entry.response == model, "\(probe.testDescription): the reference answers \(entry.response ?? "nothing"), the probe checks \(model)")
            }
        }
    }

    @Test func theLoginHostAnswersAsTheNotesSay() async throws {
        let world = ContractWorld()
        let org = try #require(world.credentials(.production))
        let ok = await world.login(org)
        #expect(ok.status == 200 && Self.guide.problems(ok.body, model: "TokenResponse").isEmpty)
        let refused = await world.login(org, secret: "wrong")
        #expect(refused.status == 401 && Self.guide.problems(refused.body, model: "OAuthError").isEmpty)
    }
}

/// The vendored reference is the shared one, byte for byte, wherever the shared one exists.
@Suite("vendored reference")
struct ReferenceCopyTests {
    @Test func matchesTheSharedReference() throws {
        // Tests/ContractTests/Reference -> the checkout -> its parent, where `shared/` sits beside it.
        let checkout = ReferenceSchema.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = checkout.deletingLastPathComponent().appendingPathComponent("shared/genesys-reference")
        // The second part (`sandbox-writes/`) is held to the same byte-for-byte rule.
        for file in ["endpoints.json", "models.schema.json", "sandbox-writes/endpoints.json", "sandbox-writes/models.schema.json"] {
            guard let theirs = FileManager.default.contents(atPath: shared.appendingPathComponent(file).path) else { continue }
            let ours = try Data(contentsOf: ReferenceSchema.directory.appendingPathComponent(file))
            #expect(ours == theirs, "\(file) differs from \(shared.path)/\(file): copy it again")
        }
    }
}
