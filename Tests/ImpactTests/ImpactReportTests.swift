import Impact
import Testing

@Suite struct ImpactReportTests {
    func report(_ entries: [ImpactEntry]) -> ImpactReport {
        ImpactReport(sandboxId: "sbx", scope: "ROUTING,ARCHITECT", kinds: [.queue, .flow], entries: entries, protection: .snapshot)
    }

    @Test func summaryComesFirstAndCountsWhatIsLost() {
        let entries = [
            ImpactEntry(kind: .flow, name: "DEV-a", id: "1", change: .removed, domain: "ARCHITECT"),
            ImpactEntry(kind: .flow, name: "DEV-b", id: "2", change: .removed, domain: "ARCHITECT"),
            ImpactEntry(kind: .flow, name: "Main", id: "3", change: .changed, domain: "ARCHITECT"),
            ImpactEntry(kind: .queue, name: "Billing", id: "4", change: .same, domain: "ROUTING"),
            ImpactEntry(kind: .queue, name: "New", id: "5", change: .added, domain: "ROUTING"),
        ]
        let impact = report(entries)
        #expect(impact.summary == "removes 2 sandbox-only flows; overwrites 1 flow changed in the sandbox")
        #expect(impact.atRisk.count == 3)
        let lines = impact.lines()
        #expect(lines.first?.hasPrefix("- flow \"DEV-a\"") == true)
        #expect(lines.last?.hasPrefix("~ flow \"Main\"") == true)
        #expect(lines.count == 3)
    }

    @Test func nothingLostSaysSo() {
        let impact = report([ImpactEntry(kind: .queue, name: "Billing", id: "4", change: .same, domain: "ROUTING")])
        #expect(impact.summary == "the sandbox loses nothing: 1 object unchanged")
        #expect(impact.atRisk.isEmpty)
    }

    @Test func exemptObjectsAreNotAtRisk() {
        let policy = ProtectionPolicy(mode: .refuse, exempt: [NameGlob(parsing: "flow:SCRATCH-*")!, NameGlob(parsing: "tmp?")!])
        #expect(policy.exemption(kind: .flow, name: "scratch-1")?.description == "flow:SCRATCH-*")
        #expect(policy.exemption(kind: .queue, name: "SCRATCH-1") == nil)
        #expect(policy.exemption(kind: .queue, name: "TMP1")?.description == "tmp?")
        var entry = ImpactEntry(kind: .flow, name: "SCRATCH-1", id: "1", change: .removed, domain: "ARCHITECT", exemptBy: "flow:SCRATCH-*")
        #expect(!entry.isAtRisk)
        entry.exemptBy = nil
        #expect(entry.isAtRisk)
        #expect(NameGlob(parsing: "flows:DEV-*") == nil)
    }

    @Test func whatCannotBePutBackSaysWhy() {
        #expect(ImpactKind.skill.overwriteProblem != nil)
        #expect(ImpactKind.skill.recreateProblem == nil)
        #expect(ImpactKind.user.recreateProblem != nil && ImpactKind.trunk.overwriteProblem != nil)
        #expect(ImpactKind.flow.recreateProblem == nil && ImpactKind.flow.overwriteProblem == nil)
    }
}
