import SandboxRefreshCLI

@main
struct Entry {
    static func main() async {
        MallocTuning.apply()
        await SandboxRefreshCommand.main(nil)
    }
}
