import Foundation
import Testing

/// `sandbox-refresh mask` and `scan` as CI runs them: the built binary, real files, exit codes
/// and output (values never in it).
@Suite("mask command, as a process")
struct MaskCommandProcessTests {
    static let card = "4111111111111111"
    static let key = "process-test-masking-key"

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable, as `swift build` places it beside the test bundle.
    static func binary() throws -> URL {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("sandbox-refresh"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sandbox-refresh"),
                          RepoRoot.url.appendingPathComponent(".build/debug/sandbox-refresh")]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "run `swift build` first")
    }

    static func run(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["MASKING_HASH_KEY"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let stdout = Pipe()
        let stderrURL = directory.appendingPathComponent("stderr-\(UUID().uuidString.prefix(6)).txt")
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                   stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
    }

    static func workspace() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mask-process-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("exports/dataTables"), withIntermediateDirectories: true)
        try """
            {"id":"c-1","firstName":"Olivia","cellPhone":"+1 317-555-0123","workEmail":"olivia@example.com","notes":"Card on file:\\n\(card)"}
            {"id":"c-2","firstName":"Liam","workPhone":{"display":"+49 151 2345678","e164":"+491512345678"},"personalEmail":"liam@example.com","notes":"ssn 536-22-1234"}

            """.write(to: directory.appendingPathComponent("exports/externalContacts.ndjson"), atomically: true, encoding: .utf8)
        try "key,name,ssn,email\nk1,Ann,536-22-1234,ann@example.com\nk2,\"Bo, Jr\",078-05-1120,\"bo@example.com\"\n"
            .write(to: directory.appendingPathComponent("exports/dataTables/CustomerRecords.csv"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func maskThenScanFindsNothingAndPrintsNoValues() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = RepoRoot.path("specs/dev.yaml")
        let environment = ["MASKING_HASH_KEY": Self.key]

        let before = try Self.run(["scan", "exports", "--format", "json"], in: directory)
        #expect(before.status == 1, "the unmasked exports hold a card and SSNs: \(before.stderr)")

        let masked = try Self.run(["mask", plan, "exports", "--out", "masked"], in: directory, environment: environment)
        #expect(masked.status == 0, "\(masked.stderr)")
        #expect(masked.stdout.contains("masked/externalContacts.ndjson: 2 record(s)"))
        #expect(masked.stdout.contains("masked/dataTables/CustomerRecords.csv: 2 record(s)"))
        for value in [Self.card, "536-22-1234", "olivia@example.com", Self.key] {
            #expect(!masked.stdout.contains(value) && !masked.stderr.contains(value))
        }

        let after = try Self.run(["scan", "masked", "--format", "sarif", "--plan", plan], in: directory, environment: environment)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        #expect(after.stdout.contains("\"results\" : []"))
        let contacts = try String(contentsOf: directory.appendingPathComponent("masked/externalContacts.ndjson"), encoding: .utf8)
        #expect(contacts.contains("\"cellPhone\":\"***********0123\"") && !contacts.contains("olivia@example.com"))
        let table = try String(contentsOf: directory.appendingPathComponent("masked/dataTables/CustomerRecords.csv"), encoding: .utf8)
        #expect(table.hasPrefix("key,name,ssn,email\nk1,Ann,[REDACTED],"))

        // Same input, same key: the same bytes (joins across files and runs survive).
        let again = try Self.run(["mask", plan, "exports", "--out", "masked-again"], in: directory, environment: environment)
        #expect(again.status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("masked-again/externalContacts.ndjson"), encoding: .utf8) == contacts)
    }

    @Test func badInputExitsTwoWithAClearMessage() throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = RepoRoot.path("specs/dev.yaml")

        let noKey = try Self.run(["mask", plan, "exports", "--out", "masked"], in: directory)
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("MASKING_HASH_KEY"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("masked").path))

        let inPlace = try Self.run(["mask", plan, "exports/externalContacts.ndjson", "--out", "exports"], in: directory, environment: ["MASKING_HASH_KEY": Self.key])
        #expect(inPlace.status == 2)
        #expect(inPlace.stderr.contains("never writes in place"))

        try "{\"notes\":\"\(Self.card)\",\n".write(to: directory.appendingPathComponent("broken.ndjson"), atomically: true, encoding: .utf8)
        let broken = try Self.run(["mask", plan, "broken.ndjson", "--out", "masked"], in: directory, environment: ["MASKING_HASH_KEY": Self.key])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.ndjson:2:1: not valid JSON"))
        #expect(!broken.stderr.contains(Self.card))

        let literalKey = try Self.run(["scan", "exports", "--fingerprint-key", "s3cret"], in: directory)
        #expect(literalKey.status == 2 && literalKey.stderr.contains("env:NAME or file:PATH") && !literalKey.stderr.contains("s3cret"))
    }
}
