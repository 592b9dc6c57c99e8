@testable import SandboxRefreshCLI
import Testing

@Suite("file lists taken out of the command line")
struct FileListArgumentsTests {
    static let files = (0..<40).map { "plans/p\($0).yaml" }

    @Test func optionsAndTheirValuesStayOptionsWherever() throws {
        let split = try #require(FileListArguments.split(["--format", "json"] + Self.files[..<20] + ["--verbose"] + Self.files[20...], valueOptions: ["--format"]))
        #expect(split.options == ["--format", "json", "--verbose"])
        #expect(split.files == Self.files)
        #expect(split.forParser == ["--format", "json", "--verbose", "--", "plans/p0.yaml"])
    }

    @Test func everythingAfterTheTerminatorIsAFile() throws {
        let split = try #require(FileListArguments.split(Array(Self.files[..<35]) + ["--", "--format", "-x.yaml"], valueOptions: ["--format"]))
        #expect(split.options.isEmpty)
        #expect(split.files.suffix(2) == ["--format", "-x.yaml"])
    }

    @Test func fewFilesHelpAndCompletionsGoToArgumentParserAsTheyAre() {
        #expect(FileListArguments.split(Array(Self.files[..<5]), valueOptions: []) == nil)
        #expect(FileListArguments.split(Self.files + ["--help"], valueOptions: []) == nil)
        #expect(FileListArguments.split(["-h"] + Self.files, valueOptions: []) == nil)
        #expect(FileListArguments.split(Self.files + ["--generate-completion-script", "bash"], valueOptions: []) == nil)
    }

    @Test func aFileListIsParsedOnlyForValidate() throws {
        #expect(ValidateCommand.runWithFileList(["plan"] + Self.files) == false)
        #expect(ValidateCommand.runWithFileList(["validate", "one.yaml"]) == false)
    }
}
