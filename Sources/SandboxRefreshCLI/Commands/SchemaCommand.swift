import ArgumentParser
import RefreshPlan

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the plan format (schemas/refresh-plan.schema.json is this output).")

    func run() throws {
        Terminal.write(PlanSchema.jsonSchema())
    }
}
