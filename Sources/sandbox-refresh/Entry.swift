import SandboxRefreshCLI

@main
struct Entry {
    static func main() async {
        await SandboxRefreshCommand.start()
    }
}
