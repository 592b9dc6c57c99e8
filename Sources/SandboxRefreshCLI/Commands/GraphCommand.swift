import ArgumentParser
import PlanGraph

extension GraphFormat: ExpressibleByArgument {}

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the plan graph as Graphviz DOT, Mermaid or text.")

    @Argument(help: "The plan file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "dot, mermaid or text.")
    var format: GraphFormat = .text

    func run() throws {
        let compiled = try PlanInput.compile(path: file)
        Terminal.write(GraphExport.render(compiled.graph, format: format))
    }
}
