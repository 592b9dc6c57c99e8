import Foundation
import GenesysClient
import GenesysWire
import PIIScanner
import PlanGraph

/// Edge case 3: after the refresh, page through the sandbox's customer data (external contacts,
/// data-table rows) and fail the run if it still holds card numbers or SSNs (or matches of the
/// plan's own patterns). The failure message and events carry counts and masked renderings
/// only — a gate that leaks the numbers it found into CI logs would be its own audit finding.
enum PiiScanHandler {
    static let step = "pii-scan"
    static let pageSize = 100
    static let sampleCount = 5

    static func run(_ gate: PiiScanSettings, _ ctx: RunContext, _ state: inout RunState) async -> StepResult {
        let scanner: RecordScanner
        do {
            let patterns = try CustomPatternSet(gate.patterns.map { (name: $0.name, regex: $0.regex) })
            // Declared patterns always run; `detectors` picks the built-ins.
            let options = try ScanOptions(detectors: gate.detectors + gate.patterns.map(\.name), patterns: patterns)
            scanner = RecordScanner(options: options, factory: fingerprintFactory(gate.hashKey, ctx))
        } catch {
            return .failure(StepFailure(.piiGateFailed, "gates.piiScan cannot run: \(error)"))
        }
        var report = ScanReport()
        do {
            if gate.sources.contains(.externalContacts) {
                report.merge(try await scanContacts(scanner, ctx))
            }
            if gate.sources.contains(.dataTables) {
                report.merge(try await scanDataTables(scanner, ctx))
            }
        } catch {
            return .apiFailure(error, outcome: .piiGateFailed)
        }
        let count = report.totalFindings
        state.piiFindings = report.findings
        state.piiCounts = report.counts
        // Records are named from the listed findings (the first few per source); counts cover all.
        let records = Set(report.findings.map { "\($0.source)/\($0.record ?? "")" }).count
        var fields = ["findings": String(count), "records": String(report.recordsScanned), "distinctValues": String(report.distinctValues)]
        for entry in report.countsByDetector { fields["findings.\(entry.detector)"] = String(entry.count) }
        let scope = "\(report.recordsScanned) records in \(report.sources.count) source(s)"
        ctx.emit("pii.scanned", step: step, "scanned \(scope): \(count) finding(s)\(count > 0 ? " (\(report.countsText))" : "")", fields: fields)

        let threshold = gate.failThreshold
        guard count >= threshold else {
            ctx.emit("gate.passed", step: step, "PII gate passed: \(count) finding(s), fails at \(threshold)", fields: fields)
            return .success
        }
        let samples = report.findings.prefix(sampleCount).map(\.summary).joined(separator: "; ")
        let recordsText = report.omittedFindings > 0 ? "at least \(records)" : "\(records)"
        return .failure(StepFailure(.piiGateFailed,
            "\(count) PII finding(s) (\(report.countsText)) in \(recordsText) record(s), \(report.distinctValues) distinct value(s); scanned \(scope); fails at \(threshold); e.g. \(samples)"))
    }

    /// Keyed with the plan's `masking.hashKey` when it has one, so gates.sarif fingerprints
    /// match run to run (code scanning then tracks a finding instead of reopening it); without
    /// a key (or one that does not resolve) they hold within this run only.
    static func fingerprintFactory(_ hashKey: SecretReference?, _ ctx: RunContext) -> FindingFactory {
        guard let secret = hashKey, let key = try? ctx.secrets.resolve(secret), !key.isEmpty else { return FindingFactory() }
        return FindingFactory(secret: key)
    }

    private static func scanContacts(_ scanner: RecordScanner, _ ctx: RunContext) async throws(APIError) -> ScanReport {
        let contacts = try await ctx.sandbox.fetchAll(.externalContacts, pageSize: pageSize, as: ExternalContact.self)
        var report = ScanReport(sources: ["externalContacts"], recordsScanned: contacts.count)
        for contact in contacts {
            for finding in scanner.scan(source: "externalContacts", record: contact.id, fields: ContactFields.fields(of: contact)) { report.add(finding) }
        }
        return report
    }

    private static func scanDataTables(_ scanner: RecordScanner, _ ctx: RunContext) async throws(APIError) -> ScanReport {
        let tables = try await ctx.sandbox.fetchAll(.dataTables, pageSize: pageSize, as: DataTable.self)
        var report = ScanReport()
        for table in tables {
            let source = "dataTable:\(table.name)"
            var tableReport = ScanReport(sources: [source])
            var rows = 0
            var page = 1
            while true {
                let body = try await ctx.sandbox.send(Endpoint.dataTableRows(tableId: table.id, pageNumber: page, pageSize: pageSize), as: EntityPage<[String: JSONValue]>.self)
                for row in body.entities {
                    let key = row["key"]?.stringValue
                    for finding in scanner.scan(source: source, record: key, fields: ContactFields.strings(of: row)) { tableReport.add(finding) }
                }
                rows += body.entities.count
                guard page < body.pageCount, !body.entities.isEmpty else { break }
                page += 1
            }
            tableReport.recordsScanned = rows
            report.merge(tableReport)
        }
        return report
    }
}

/// The adapter between wire models and the dependency-free scanner: records as named strings.
/// A contact is read through its JSON form, field names as paths (`workPhone`, or
/// `workPhone.e164` when phones are objects), so the gate follows the wire model's shape
/// instead of listing its fields.
enum ContactFields {
    /// Names, phone numbers (each rendering), emails, the address and string custom fields.
    static func fields(of contact: ExternalContact) -> [(name: String, value: String)] {
        guard let data = try? JSONEncoder().encode(contact),
              let object = try? JSONDecoder().decode([String: JSONValue].self, from: data) else { return [] }
        // Identity and bookkeeping fields are not customer data.
        return strings(of: object.filter { !["id", "selfUri", "version", "modifyDate", "createDate"].contains($0.key) })
    }

    /// Every string in a row, nested values named by path; integral numbers too, since a card
    /// number stored as a JSON number is still a card number.
    static func strings(of row: [String: JSONValue]) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        func visit(_ value: JSONValue, _ path: String) {
            switch value {
            case .string(let text): out.append((path, text))
            case .number(let number) where number.rounded() == number && abs(number) < 1e19: out.append((path, String(format: "%.0f", number)))
            case .array(let items): for (index, item) in items.enumerated() { visit(item, "\(path)[\(index)]") }
            case .object(let object): for (key, item) in object.sorted(by: { $0.key < $1.key }) { visit(item, "\(path).\(key)") }
            default: break
            }
        }
        for (column, value) in row.sorted(by: { $0.key < $1.key }) { visit(value, column) }
        return out
    }
}
