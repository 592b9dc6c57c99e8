import Foundation
import Testing

/// `sandbox-refresh validate`, the real binary, over a fleet directory: the parallel path, the
/// shared base parsed once and reported once, and the same bytes as listing every file.
@Suite("validate, the binary", .timeLimit(.minutes(2)))
struct ValidateProcessTests {
    static let unsetVariable = "SR_VALIDATE_TEST_NEVER_SET"

    /// A base with two warnings (unset variables), eleven good plans extending it and one
    /// with a misspelt key: more files than the sequential threshold.
    func writeFleet(into directory: URL) throws -> [String] {
        let base = """
            version: 1
            name: base
            abstract: true
            production:
              region: mypurecloud.com
              credentials: {clientId: "${env:\(Self.unsetVariable)}", clientSecret: "${env:\(Self.unsetVariable)}"}

            """
        try base.write(to: directory.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        var names = ["base.yaml"]
        for n in 1...12 {
            let name = String(format: "plan-%02d.yaml", n)
            let scopeKey = n == 7 ? "scop" : "scope"
            let plan = """
                version: 1
                name: plan-\(n)
                extends: base.yaml
                sandbox:
                  id: sandbox-\(n)
                  credentials: {clientId: "${env:\(Self.unsetVariable)}", clientSecret: "${env:\(Self.unsetVariable)}"}
                refresh:
                  \(scopeKey): [ROUTING]

                """
            try plan.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            names.append(name)
        }
        return names.sorted()
    }

    func validate(_ arguments: [String], bench: Bench, name: String) async throws -> (lines: [String], status: Int32, stderr: String) {
        let child = try Child(binary: bench.binary, arguments: ["validate"] + arguments, directory: bench.directory, name: name)
        defer { child.kill() }
        let lines = await child.readLines(cap: 100_000) { _ in false }
        let ended = await child.exit()
        #expect(ended.reason == .exit, "\(name): \(ended)")
        return (lines, ended.status, child.stderr)
    }

    @Test func aDirectoryIsValidatedLikeTheListOfItsPlansWithTheSharedBaseReportedOnce() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let fleet = bench.directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        let names = try writeFleet(into: fleet)

        let byDirectory = try await validate(["fleet"], bench: bench, name: "by-directory")
        let byFiles = try await validate(names.map { "fleet/" + $0 }, bench: bench, name: "by-files")
        #expect(byDirectory.status == 1 && byFiles.status == 1, "one plan has an error: \(byDirectory.stderr)")
        #expect(byDirectory.lines == byFiles.lines, "a directory is its sorted plans")

        let text = byDirectory.lines.joined(separator: "\n")
        let baseWarnings = byDirectory.lines.filter { $0.hasPrefix("fleet/base.yaml:6:") && $0.contains("warning[SR020]") }
        #expect(baseWarnings.count == 2 && Set(baseWarnings).count == 2, "the base's two warnings once each, not once per plan: \(baseWarnings)")
        let oks = byDirectory.lines.filter { $0.hasSuffix(": ok") }
        #expect(oks.count == 12, "the base and the eleven good plans: \(oks)")
        #expect(!oks.contains("fleet/plan-07.yaml: ok"))
        #expect(text.contains("fleet/plan-07.yaml:8:3: error["), "\(text)")
        #expect(text.contains("scope"), "the likely key is suggested")
        // Plans come out in the order given, though checked on several threads.
        let order = oks.compactMap { line in names.firstIndex { "fleet/\($0): ok" == line } }
        #expect(order == order.sorted() && order.count == oks.count)
    }

    @Test func aDirectoryWithoutPlansIsAnErrorThatNamesIt() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        try FileManager.default.createDirectory(at: bench.directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let run = try await validate(["empty"], bench: bench, name: "empty")
        #expect(run.status == 1)
        #expect(run.stderr.contains("empty holds no plans"), "\(run.stderr)")
    }

    /// Hostile entries in a fleet directory: a FIFO named like a plan (opening it for reading
    /// would wait for a writer forever) and an endless device given by name.
    @Test func aPipeNamedLikeAPlanAndAnEndlessDeviceAreReportedNotWaitedOn() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let fleet = bench.directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        _ = try writeFleet(into: fleet)
        #expect(mkfifo(fleet.appendingPathComponent("stuck.yaml").path, 0o644) == 0)
        try "version: 1\nname: forged\n".write(to: fleet.appendingPathComponent("x\nplan-01.yaml: ok\n.yaml"), atomically: true, encoding: .utf8)
        let run = try await validate(["fleet", "/dev/zero"], bench: bench, name: "hostile")
        let text = run.lines.joined(separator: "\n")
        #expect(run.status == 1)
        #expect(text.contains("fleet/stuck.yaml:1:1: error[SR001]: cannot read fleet/stuck.yaml: it is a pipe or socket, not a file"), "\(text)")
        #expect(text.contains("/dev/zero:1:1: error[SR008]"), "\(text)")
        #expect(run.lines.filter { $0.hasSuffix(": ok") }.count == 12, "the plans around them are still checked")
        // A file name cannot forge a line of the report.
        #expect(!run.lines.contains { $0.hasPrefix("plan-01.yaml") || $0 == ".yaml" }, "\(text)")
        #expect(text.contains("fleet/x\\nplan-01.yaml: ok\\n.yaml:1:1: error[SR006]"), "\(text)")
    }

    @Test func jsonOverADirectoryListsTheSharedBaseFindingOnce() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let fleet = bench.directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        _ = try writeFleet(into: fleet)
        let run = try await validate(["fleet", "--format", "json"], bench: bench, name: "json")
        struct Finding: Decodable { var file: String; var code: String; var line: Int }
        let findings = try JSONDecoder().decode([Finding].self, from: Data(run.lines.joined(separator: "\n").utf8))
        #expect(findings.filter { $0.file == "fleet/base.yaml" && $0.code == "SR020" && $0.line == 6 }.count == 2, "\(findings)")
        #expect(findings.contains { $0.file == "fleet/plan-07.yaml" && $0.line == 8 })
        #expect(run.status == 1)
    }

    /// A base with an error reached directly by some plans and through an abstract plan by
    /// others (which checks it without required keys, so its findings differ): every finding
    /// is printed once, in text and in JSON, whichever plan brought it.
    @Test func findingsOfBasesReachedSeveralWaysArePrintedOnce() async throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let fleet = bench.directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        let base = """
            version: 1
            name: base
            abstract: true
            production: {region: mypurecloud.com, credentials: {clientId: "${env:\(Self.unsetVariable)}", clientSecret: "${env:\(Self.unsetVariable)}"}}
            lock: {staleAfter: 30}

            """
        try base.write(to: fleet.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\nname: mid\nabstract: true\nextends: base.yaml\nlock: {onForeignRefresh: sometimes}\n"
            .write(to: fleet.appendingPathComponent("mid.yaml"), atomically: true, encoding: .utf8)
        for (n, parent) in [(1, "base"), (2, "mid"), (3, "base"), (4, "mid"), (5, "base"), (6, "base"), (7, "mid"), (8, "base"), (9, "mid"), (10, "base")] {
            let plan = """
                version: 1
                name: plan-\(n)
                extends: \(parent).yaml
                sandbox: {id: sandbox-\(n), credentials: {clientId: "${env:\(Self.unsetVariable)}", clientSecret: "${env:\(Self.unsetVariable)}"}}
                refresh: {scope: [ROUTING]}

                """
            try plan.write(to: fleet.appendingPathComponent(String(format: "plan-%02d.yaml", n)), atomically: true, encoding: .utf8)
        }
        let text = try await validate(["fleet"], bench: bench, name: "text")
        let headers = text.lines.filter { $0.hasPrefix("fleet/") && $0.contains("[SR") }
        #expect(headers.count == Set(headers).count, "\(headers.sorted())")
        #expect(headers.filter { $0.hasPrefix("fleet/base.yaml:5:") && $0.contains("error[") }.count == 1, "\(headers)")
        #expect(headers.filter { $0.hasPrefix("fleet/mid.yaml:5:") && $0.contains("error[") }.count == 1, "\(headers)")
        #expect(headers.filter { $0.hasPrefix("fleet/base.yaml:4:") && $0.contains("warning[SR020]") }.count == 2, "\(headers)")
        let json = try await validate(["fleet", "--format", "json"], bench: bench, name: "json")
        struct Finding: Decodable, Hashable { var file: String; var code: String; var line: Int; var column: Int; var message: String }
        let findings = try JSONDecoder().decode([Finding].self, from: Data(json.lines.joined(separator: "\n").utf8))
        #expect(findings.count == Set(findings).count, "\(findings)")
        #expect(findings.count == headers.count, "text and JSON report the same findings")
    }

    /// Standard output on a full device: a one-line message and exit status 74, not a crash
    /// report from a trapped write.
    @Test func aFullDiskForTheReportIsAClearErrorNotACrash() throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let fleet = bench.directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        _ = try writeFleet(into: fleet)
        let process = Process()
        process.executableURL = bench.binary
        process.arguments = ["validate", fleet.path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 74, "\(process.terminationStatus): \(message)")
        #expect(message == "sandbox-refresh: cannot write to standard output: No space left on device\n", "\(message)")
    }
}
