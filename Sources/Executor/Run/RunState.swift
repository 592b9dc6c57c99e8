import Foundation
import GenesysWire
import RefreshPlan

/// Everything a run learns, in one value the handlers update and the artifacts record.
public struct RunState: Sendable, Hashable, Codable {
    public struct ObservedStatus: Sendable, Hashable, Codable {
        public var at: String
        public var refreshId: String
        public var status: String
        public var progress: Int
        public var errorMessage: String?
    }

    public var requestedScope: String
    public var effectiveScope: Scope
    public var expandedScope: Scope?
    public var expansionReasons: [String] = []
    public var submittedPayloads: [RefreshRequest] = []
    public var refreshIds: [String] = []
    /// The job the run is following now (submitted or adopted).
    public var currentRefresh: Refresh?
    public var adoptedRefreshId: String?
    public var abortedForeignRefreshes: [String] = []
    public var statuses: [ObservedStatus] = []
    public var drift: [String: [Int]] = [:]
    public var revokedUserIds: [String] = []
    public var validationErrors: [FlowValidationError] = []
    public var validatedFlows = 0
    public var completedAt: Date?
    public var detectedAt: Date?
    public var outcome: RunOutcome?
    public var failureMessage: String?
    public var failedStep: String?
    public var stepsRun: [String] = []

    public init(scope: Scope) {
        requestedScope = scope.wireValue
        effectiveScope = scope
    }
}
