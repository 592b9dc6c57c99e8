import Foundation
import Testing
@testable import RefreshPlan

/// Whatever the input, the loader answers quickly with a positioned diagnostic and never traps.
@Suite struct HostileInputTests {
    private func loadTimed(_ path: String) -> (PlanLoadResult, Duration) {
        let clock = ContinuousClock()
        var result: PlanLoadResult?
        let elapsed = clock.measure { result = PlanLoader(environment: [:]).load(path: path) }
        return (result!, elapsed)
    }

    private func expectSingle(_ result: PlanLoadResult, _ code: String, line: Int = 1, column: Int = 1) {
        #expect(result.hasErrors && result.plan == nil)
        let d = result.diagnostics.first
        #expect(d?.code == code, "\(result.diagnostics)")
        #expect(d?.mark?.line == line && d?.mark?.column == column, "\(String(describing: d?.mark))")
    }

    private static func temporaryFile(_ name: String, bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("refresh-plan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func missingFile() {
        expectSingle(PlanLoader().load(path: "/nonexistent/dir/plan.yaml"), "SR001")
        #expect(PlanLoader().load(path: "/nonexistent/dir/plan.yaml").diagnostics.first?.message.contains("no such file") == true)
    }

    @Test func directoryInsteadOfFile() {
        expectSingle(PlanLoader().load(path: FileManager.default.temporaryDirectory.path), "SR001")
    }

    @Test func emptyFile() {
        expectSingle(PlanLoader().load(path: TestSupport.fixture("empty.yaml")), "SR011")
        expectSingle(PlanLoader().load(path: TestSupport.fixture("comments-only.yaml")), "SR011")
    }

    @Test func binaryFile() {
        let result = PlanLoader().load(path: TestSupport.fixture("binary.bin"))
        #expect(result.hasErrors && result.plan == nil)
        #expect(["SR002", "SR011"].contains(result.diagnostics.first?.code ?? ""), "\(result.diagnostics)")
        #expect(result.diagnostics.first?.mark != nil)
        // Quoting the offending line must not crash on control bytes either.
        _ = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: true)
    }

    @Test func tenMegabyteFileIsRefusedWithoutReadingIt() throws {
        let path = try Self.temporaryFile("big.yaml", bytes: Array(repeating: UInt8(ascii: "a"), count: 10 << 20))
        let (result, elapsed) = loadTimed(path)
        expectSingle(result, "SR008")
        #expect(elapsed < .seconds(1))
        #expect(result.sources.isEmpty)
    }

    @Test func tenMegabyteTextIsRefusedByTheParser() {
        let text = "a: " + String(repeating: "x", count: 10 << 20)
        let result = TestSupport.load(text)
        expectSingle(result, "SR008")
    }

    @Test func deepNesting() {
        let (result, elapsed) = loadTimed(TestSupport.fixture("deep-nesting.yaml"))
        #expect(result.diagnostics.first?.code == "SR008")
        #expect(result.diagnostics.first?.mark?.line == 1)
        #expect(elapsed < .seconds(1))
    }

    @Test func billionLaughs() {
        let (result, elapsed) = loadTimed(TestSupport.fixture("billion-laughs.yaml"))
        #expect(result.diagnostics.map(\.code) == ["SR008"])
        #expect((result.diagnostics.first?.mark?.line ?? 0) > 1)
        #expect(elapsed < .seconds(1))
    }

    @Test func nonMappingRoots() {
        expectSingle(PlanLoader().load(path: TestSupport.fixture("list-root.yaml")), "SR011")
        expectSingle(PlanLoader().load(path: TestSupport.fixture("scalar-root.yaml")), "SR011")
        #expect(PlanLoader().load(path: TestSupport.fixture("scalar-root.yaml")).diagnostics.first?.message.contains("found the string 'just a string'") == true)
    }

    @Test func wrongShapesEverywhereDoNotCrash() {
        let shapes = ["[]", "{}", "1", "null", "true", "\"x\"", "[1, [2]]", "{a: {b: c}}"]
        for shape in shapes {
            for key in ["production", "sandbox", "refresh", "lock", "masking", "gates", "scopeExpansion", "notify", "schedule", "dependencyScan", "artifacts"] {
                let yaml = "version: 1\nname: x\n\(key): \(shape)\n"
                let result = TestSupport.load(yaml)
                #expect(result.diagnostics.allSatisfy { $0.mark != nil })
                _ = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false)
            }
            let nested = TestPlans.plan(refresh: "  polling: \(shape)\n  retry: {on: \(shape)}", top: "gates: {validateFlows: {flows: \(shape)}, piiScan: {failOn: \(shape), patterns: \(shape)}}\nmasking: {rules: [{match: \(shape), action: \(shape)}]}")
            _ = TestSupport.load(nested)
        }
    }

    @Test func hugeKeysAndValuesStayBounded() {
        let long = String(repeating: "k", count: 1_000)
        let result = TestSupport.load(TestPlans.plan(refresh: "  \(long): 1"))
        let d = result.diagnostics.first { $0.code == "SR004" }
        #expect((d?.message.count ?? .max) < 200)
        let rendered = DiagnosticRenderer.render(result.diagnostics, sources: result.sources, color: false)
        #expect(rendered.count < 2_000)
    }

    /// Files are read whole up to the limit, whatever their size against the read buffer, and
    /// one byte over the limit is refused as too large.
    @Test(arguments: [0, 1, 655, 4095, 4096, 4097, 65_536, 65_537, 200_000])
    func filesAreReadWholeUpToTheLimit(size: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("read-bounded-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(content)))
        #expect(try PlanLoader.readBounded(path) == content)
        #expect(try PlanLoader.readBounded(path, limit: size) == content)
        if size > 0 {
            #expect(throws: PlanLoader.ReadError.self) { try PlanLoader.readBounded(path, limit: size - 1) }
            #expect((try? PlanLoader.readBounded(path, limit: size - 1)) == nil)
        }
    }
}
