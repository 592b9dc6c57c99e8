import Foundation
import RunJournal
import Testing

/// Every write to standard output goes through one sink, and a reader that goes away never
/// kills the process with SIGPIPE: a reporting command ends with exit 74 and no message; a
/// refresh carries on without its log and finishes its run.
@Suite("output whose reader went away", .timeLimit(.minutes(3)))
struct OutputSinkProcessTests {
    struct Ended {
        var reason: Process.TerminationReason
        var status: Int32
        var stderr: String
    }

    /// Runs the binary with standard output a pipe nobody reads: its read end is closed before
    /// the child starts, so the first write meets EPIPE (and SIGPIPE, unless ignored).
    func runWithClosedReader(_ bench: Bench, _ arguments: [String], in directory: URL? = nil) throws -> Ended {
        let process = Process()
        process.executableURL = bench.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? bench.directory
        var environment = ProcessInfo.processInfo.environment
        environment["SANDBOX_REFRESH_JOURNAL"] = nil
        process.environment = environment
        let stdout = Pipe()
        try stdout.fileHandleForReading.close()
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        try stdout.fileHandleForWriting.close()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Ended(reason: process.terminationReason, status: process.terminationStatus, stderr: message)
    }

    func writeFleet(_ count: Int, into directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try (0..<count).map { n in
            let path = directory.appendingPathComponent(String(format: "plan-%03d.yaml", n)).path
            try "version: 1\nname: plan-\(n)\nscop: [ROUTING]\n".write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    @Test(arguments: [["validate", "{fleet}"], ["validate", "--format", "json", "{files}"], ["plan", "{spec}"], ["graph", "{spec}"]])
    func aReportingCommandWhoseReaderLeftEnds74Silently(_ template: [String]) throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let fleet = bench.directory.appendingPathComponent("fleet")
        let files = try writeFleet(40, into: fleet)
        let arguments = template.flatMap { argument -> [String] in
            switch argument {
            case "{fleet}": return [fleet.path]
            case "{files}": return files
            case "{spec}": return [Bench.plan]
            default: return [argument]
            }
        }
        let ended = try runWithClosedReader(bench, arguments, in: Bench.repository)
        #expect(ended.reason == .exit, "\(template): killed by signal \(ended.status)")
        #expect(ended.status == 74, "\(template): \(ended.status) \(ended.stderr)")
        #expect(ended.stderr.isEmpty, "\(template): \(ended.stderr)")
    }

    /// `validate` takes a long file list out of the command line before ArgumentParser sees it;
    /// a usage error must read and exit the same either way.
    @Test func aLongFileListGetsTheSameUsageErrorAsAShortOne() throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let files = try writeFleet(40, into: bench.directory.appendingPathComponent("fleet"))
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = bench.binary
            process.arguments = arguments
            let stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let short = try run(["validate", "--format", "xml", files[0]])
        let long = try run(["validate", "--format", "xml"] + files)
        #expect(short.0 == 64 && long.0 == 64)
        #expect(long.1 == short.1, "\(long.1)")
        #expect(long.1.contains("Usage: sandbox-refresh validate"))
    }

    @Test func applyWhoseLogReaderLeftFinishesItsRefresh() throws {
        let bench = try Bench()
        defer { bench.cleanUp() }
        let ended = try runWithClosedReader(bench, [
            "apply", Bench.plan, "--emulate", "--yes", "--time-scale", "400", "--log-format", "json",
            "--journal", bench.journal, "--run-id", bench.runId("pipe"),
        ])
        #expect(ended.reason == .exit && ended.status == 0, "\(ended.status): \(ended.stderr)")
        let journal = try RunJournal(path: bench.journal)
        let run = try #require(try journal.run(bench.runId("pipe")))
        #expect(run.outcome == .success)
        let artifacts = bench.directory.appendingPathComponent(".refresh-artifacts/\(Bench.sandboxId)/\(bench.runId("pipe"))/run.json")
        #expect(FileManager.default.fileExists(atPath: artifacts.path), "artifacts are written whatever happened to the log")
    }
}
