import Executor
import Foundation
import GenesysClient
import PostgresJournal
import RunJournal
import Timekeeping

/// What the plans of one process share: the journal (opened once, on first use, so that a
/// broken plan is reported before a broken journal) and its rate budgets.
public final class RunResources: Sendable {
    public let journalArgument: String
    public let environment: [String: String]
    public let proposedRunId: ProposedRunId
    private let opener: JournalOpener

    public init(journalArgument: String, environment: [String: String], proposedRunId: ProposedRunId) {
        self.journalArgument = journalArgument
        self.environment = environment
        self.proposedRunId = proposedRunId
        opener = JournalOpener(argument: journalArgument, environment: environment)
    }

    /// The journal, opened on first use; `waiting` hears of any wait for a connection while it
    /// opens and (the first caller's) while it is used.
    public func journal(waiting: (@Sendable (JournalWaitEvent) -> Void)? = nil) async throws -> any JournalStore {
        try await opener.open(waiting: waiting)
    }

    /// One budget per API host and client id, as the journal's store provides them: in this
    /// process (a file journal), or shared with every runner through the server.
    public func budgets(clock: any InjectedClock) async throws -> SharedBudgets {
        try await opener.budgets(clock: clock)
    }

    public func close() async { await opener.close() }

    private actor JournalOpener {
        private let argument: String
        private let environment: [String: String]
        private var store: (any JournalStore)?
        private var failure: (any Error)?
        private var shared: SharedBudgets?

        init(argument: String, environment: [String: String]) {
            self.argument = argument
            self.environment = environment
        }

        func open(waiting: (@Sendable (JournalWaitEvent) -> Void)? = nil) async throws -> any JournalStore {
            if let store { return store }
            if let failure { throw failure }
            let waiting: @Sendable (JournalWaitEvent) -> Void = waiting ?? { _ in }
            do {
                let opened = try await JournalLocator.store(argument, environment: environment, waiting: waiting)
                store = opened
                return opened
            } catch {
                failure = error
                throw error
            }
        }

        func budgets(clock: any InjectedClock) async throws -> SharedBudgets {
            if let shared { return shared }
            let made = try await open().rateBudgets(clock: clock)
            shared = made
            return made
        }

        func close() async {
            await store?.close()
            store = nil
        }
    }
}

/// The run id a command proposes and whether the caller chose it (explicitly or through CI): a
/// chosen id that the journal knows is the same run again, a generated one never is.
public struct ProposedRunId: Sendable, Hashable {
    public var id: String
    public var chosen: Bool

    public init(id: String, chosen: Bool) {
        self.id = id
        self.chosen = chosen
    }
}
