import Foundation
import PlanGraph
import Testing

@Suite("plan, graph and JSON output of every spec and policy branch")
struct GoldenOutputTests {
    static let specs = ["dev", "qa", "compliance-audit"]

    @Test(arguments: specs)
    func specOutputs(name: String) throws {
        let graph = try Fixture.compile("specs/\(name).yaml")
        try assertGolden(PlanPreview.render(graph, source: "specs/\(name).yaml", color: false), "\(name).plan.txt")
        try assertGolden(PlanDocument(graph: graph, sources: []).json(), "\(name).plan.json")
        try assertGolden(GraphExport.render(graph, format: .dot), "\(name).dot")
        try assertGolden(GraphExport.render(graph, format: .mermaid), "\(name).mmd")
        try assertGolden(GraphExport.render(graph, format: .text), "\(name).graph.txt")
    }

    static let branches: [(String, String)] = [
        ("foreign-wait", "sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: \"${env:S}\"}}\nrefresh: {scope: [ARCHITECT, ROUTING]}\nlock: {onForeignRefresh: wait, waitTimeout: 45m}\n"),
        ("foreign-abort-if-stale", "sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: \"${env:S}\"}}\nrefresh: {scope: [ARCHITECT, ROUTING]}\nlock: {onForeignRefresh: abort-if-stale, staleAfter: 30m}\n"),
        ("foreign-fail", "sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: \"${env:S}\"}}\nrefresh: {scope: [ARCHITECT, ROUTING]}\nlock: {onForeignRefresh: fail}\n"),
        ("expansion", "sandbox: {id: sb-1, credentials: {clientId: a, clientSecret: \"${env:S}\"}}\nrefresh: {scope: [ARCHITECT]}\ngates: {validateFlows: {flows: all}}\nscopeExpansion: [{when: missing-routing-reference, add: [ROUTING]}]\n"),
    ]

    @Test(arguments: branches.map(\.0))
    func policyBranchPreviews(name: String) throws {
        let yaml = try #require(Self.branches.first { $0.0 == name }?.1)
        let graph = try Fixture.plan(yaml)
        try assertGolden(PlanPreview.render(graph, source: "\(name).yaml", color: false), "branch-\(name).plan.txt")
        try assertGolden(GraphExport.render(graph, format: .mermaid), "branch-\(name).mmd")
    }
}

@Suite("Graphviz")
struct GraphvizTests {
    /// With Graphviz installed, every DOT file must render; without it, check the syntax we rely on.
    @Test(arguments: GoldenOutputTests.specs)
    func dotRenders(name: String) throws {
        let graph = try Fixture.compile("specs/\(name).yaml")
        let dot = GraphExport.render(graph, format: .dot)
        #expect(dot.hasPrefix("digraph "))
        #expect(dot.filter { $0 == "{" }.count == dot.filter { $0 == "}" }.count)
        guard let binary = ["/usr/bin/dot", "/usr/local/bin/dot"].first(where: FileManager.default.isExecutableFile) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-Tsvg", "-o", "/dev/null"]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "dot: \(message)")
    }
}
