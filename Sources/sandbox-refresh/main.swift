import SandboxRefreshCLI

await SandboxRefreshCommand.main()
