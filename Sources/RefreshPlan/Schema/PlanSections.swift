/// The plan language's definition: every section and key, once.
enum PlanSections {
    static let slugPattern = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$"
    static let sandboxIdPattern = "^[A-Za-z0-9]([A-Za-z0-9_-]{0,126}[A-Za-z0-9])?$"
    static let patternNamePattern = "^[A-Za-z][A-Za-z0-9_-]{0,63}$"
    static let scopeValues = ["ALL"] + Domain.dependencyOrder.map(\.rawValue)

    static let root = Section(path: "", doc: "A refresh plan: what to copy from production into which sandbox, and the policies that keep it safe.", fields: [
        FieldDefinition(name: "version", type: .integer(min: 1, max: 1), required: true, doc: "Plan language version; must be 1.", rangeRule: .unsupportedVersion, rules: [.unsupportedVersion]),
        FieldDefinition(name: "name", type: .identifier(pattern: slugPattern), required: true, doc: "Plan name, a slug such as `dev-nightly`; used in refresh descriptions and artifact paths.", rules: [.invalidIdentifier]),
        FieldDefinition(name: "extends", type: .string(pattern: nil), doc: "Relative path of a plan this one builds on. Mappings merge key by key; lists and scalars replace.", rules: [.extendsCycle, .extendsInvalid, .fileUnreadable]),
        FieldDefinition(name: "abstract", type: .boolean, defaultValue: .bool(false), doc: "Marks a base plan that exists only to be extended; required keys may be missing and policy rules run on the plans that extend it.", rules: [.abstractPlan]),
        FieldDefinition(name: "production", type: .section(production), required: true, doc: "The organization copied from."),
        FieldDefinition(name: "sandbox", type: .section(sandbox), required: true, doc: "The sandbox organization refreshed."),
        FieldDefinition(name: "refresh", type: .section(refresh), required: true, doc: "The refresh request and how to wait for it."),
        FieldDefinition(name: "lock", type: .section(lock), defaultValue: .object([:]), doc: "What to do when another refresh holds the sandbox's lock."),
        FieldDefinition(name: "dependencyScan", type: .section(dependencyScan), doc: "Compare production and sandbox object counts before refreshing (guide edge case 1)."),
        FieldDefinition(name: "masking", type: .section(masking), defaultValue: .object([:]), doc: "How customer data is masked as it is copied."),
        FieldDefinition(name: "gates", type: .section(gates), defaultValue: .object([:]), doc: "Checks that must pass after the refresh completes."),
        FieldDefinition(name: "scopeExpansion", type: .list(.section(scopeExpansionRule), minItems: 0), defaultValue: .array([]), doc: "Bounded retries with a wider scope, each taken only when its trigger fires.", rules: [.duplicateExpansionTrigger, .expansionAlreadyInScope, .expansionNeverTriggers]),
        FieldDefinition(name: "artifacts", type: .section(artifacts), defaultValue: .object([:]), doc: "Where each run's payload, statuses and reports are written."),
        FieldDefinition(name: "notify", type: .section(notify), doc: "Who hears how a run ended: Slack, Microsoft Teams and generic webhooks (docs/notifications.md)."),
        FieldDefinition(name: "schedule", type: .oneOf([.cron, .section(schedule)]), doc: "When the plan runs unattended: a five-field cron expression, or `{cron, timezone}`.", rules: [.invalidCron, .invalidTimezone]),
        FieldDefinition(name: "protection", type: .section(protection), defaultValue: .object([:]), doc: "What a run does when the refresh would remove or overwrite work that exists only in the sandbox (docs/impact.md)."),
        FieldDefinition(name: "snapshot", type: .section(snapshot), defaultValue: .object([:]), doc: "Where `protection.onRisk: snapshot` keeps the sandbox objects a refresh would lose (never in the artifacts: it holds customer data)."),
        FieldDefinition(name: "preserve", type: .list(.string(pattern: Protection.exemptPattern), minItems: 1), doc: "Sandbox objects put back from the run's snapshot after every completed refresh, before its gates: name globs, `kind:glob` for one kind (`flow:DEV-*`, `dataTableRows:Feature Flags`). References are remapped by name.", rules: [.duplicateEntry, .preserveWithoutSnapshot]),
        FieldDefinition(name: "harden", type: .section(harden), doc: "What the run changes in the sandbox after every completed refresh, before its gates, so that the copy cannot reach production's outside world: campaigns stopped, triggers disabled, integration config and credentials rewritten, trunk registrations replaced (docs/hardening.md)."),
        FieldDefinition(name: "network", type: .section(network), doc: "Proxy and trusted CAs for the Genesys Cloud API and notifications; without it `HTTPS_PROXY`, `NO_PROXY` and `SSL_CERT_FILE` decide."),
    ])

    static let credentials = Section(path: "credentials", doc: "OAuth client credentials (client-credentials grant).", fields: [
        FieldDefinition(name: "clientId", type: .secret(literalAllowed: true), required: true, doc: "OAuth client id; `${env:NAME}` recommended, a literal is allowed (an id is not a secret).", rules: [.invalidInterpolation, .unsetEnvironment]),
        FieldDefinition(name: "clientSecret", type: .secret(literalAllowed: false), required: true, doc: "OAuth client secret: `${env:NAME}` or `${file:PATH}` only.", rules: [.literalSecret, .invalidInterpolation, .unsetEnvironment, .unreadableSecretFile]),
    ])

    static let organization = Section(path: "organization", doc: "An organization pinned by id and/or name. Whatever is pinned or not, preflight always refuses to run when the sandbox credentials resolve to the production organization.", fields: [
        FieldDefinition(name: "id", type: .string(pattern: "^[A-Za-z0-9-]{1,64}$"), doc: "Organization id (`organizations/me` `id`), compared case-insensitively."),
        FieldDefinition(name: "name", type: .string(pattern: "^.{1,200}$"), doc: "Organization name (`organizations/me` `name`), compared exactly."),
    ], minProperties: 1)

    static let production = Section(path: "production", doc: "The production organization.", fields: [
        FieldDefinition(name: "region", type: .region, doc: "Region name (`us-east-1`) or domain (`mypurecloud.com`).", rules: [.unknownRegion, .missingEndpoint]),
        FieldDefinition(name: "apiBase", type: .url, doc: "API base URL overriding the region's host; `http://` only for loopback (the emulator).", rules: [.insecureApiBase, .invalidURL]),
        FieldDefinition(name: "credentials", type: .section(credentials), required: true, doc: "Client credentials of a production OAuth client.", rules: [.sharedCredentials]),
        FieldDefinition(name: "organization", type: .section(organization), doc: "The production organization the credentials must resolve to (`GET /api/v2/organizations/me`); a mismatch stops the run in preflight with exit 3."),
    ])

    static let sandbox = Section(path: "sandbox", doc: "The sandbox organization.", fields: [
        FieldDefinition(name: "id", type: .identifier(pattern: sandboxIdPattern), required: true, doc: "Sandbox id, e.g. `sandbox-dev-01`.", rules: [.invalidIdentifier]),
        FieldDefinition(name: "region", type: .region, defaultDescription: "production's region", doc: "Region or domain of the sandbox organization.", rules: [.unknownRegion]),
        FieldDefinition(name: "apiBase", type: .url, doc: "API base URL of the sandbox organization; `http://` only for loopback.", rules: [.insecureApiBase, .invalidURL]),
        FieldDefinition(name: "credentials", type: .section(credentials), required: true, doc: "Client credentials of a sandbox OAuth client.", rules: [.sharedCredentials]),
        FieldDefinition(name: "organization", type: .section(organization), doc: "The sandbox organization the credentials must resolve to (`GET /api/v2/organizations/me`); a mismatch stops the run in preflight with exit 3."),
    ])

    static let refresh = Section(path: "refresh", doc: "The refresh request sent to `POST /api/v2/sandboxes/{sandboxId}/refreshes`.", fields: [
        FieldDefinition(name: "scope", type: .oneOf([.choice(scopeValues), .list(.choice(scopeValues), minItems: 1)]), required: true,
                        doc: "`ALL` or a list of domains (ROUTING, ARCHITECT, ADMIN, WFM, ICM); sent in dependency order.",
                        rules: [.allNotAlone, .allNeedsJustification, .allNeedsSessionPreClear, .allCopiesTrunks, .adminWithoutRouting, .customerDataNeedsMasking, .customerDataNeedsPiiScan, .duplicateScopeEntry, .emptyScope, .architectWithoutRouting]),
        FieldDefinition(name: "preserveSandboxUsers", type: .boolean, defaultValue: .bool(true), doc: "Merge users instead of overwriting them; false destroys sandbox role assignments and sessions.", rules: [.allNeedsSessionPreClear]),
        FieldDefinition(name: "description", type: .string(pattern: "^.{1,200}$"), defaultValue: .string("Automated sandbox refresh"), doc: "Refresh description; the run id is appended so ownership of a lock is decidable."),
        FieldDefinition(name: "justification", type: .choice(Justification.allCases.map(\.rawValue)), doc: "Why an `ALL` refresh is allowed.", rules: [.allNeedsJustification, .justificationUnused]),
        FieldDefinition(name: "preClearSessions", type: .boolean, defaultValue: .bool(false), doc: "Revoke sandbox user tokens before an `ALL` refresh that overwrites users.", rules: [.allNeedsSessionPreClear, .preClearIneffective]),
        FieldDefinition(name: "maxWait", type: .duration(min: .seconds(60), max: .seconds(4 * 3600)), defaultValue: .string("4h"), doc: "Give up waiting for the job after this long (at most 4h).", rangeRule: .maxWaitTooLong, rangeReason: "a job running longer indicates a dependency deadlock or throttling", rules: [.maxWaitTooLong, .lockWaitExceedsMaxWait]),
        FieldDefinition(name: "polling", type: .section(polling), defaultValue: .object([:]), doc: "Status polling backoff."),
        FieldDefinition(name: "circuitBreaker", type: .section(circuitBreaker), defaultValue: .object([:]), doc: "Pause after consecutive 503 responses."),
        FieldDefinition(name: "retry", type: .section(retry), defaultValue: .object([:]), doc: "Which failed requests are retried."),
    ])

    static let polling = Section(path: "refresh.polling", doc: "Exponential backoff for `GET .../refreshes/{refreshId}`.", fields: [
        FieldDefinition(name: "initialInterval", type: .duration(min: .seconds(15), max: .seconds(3600)), defaultValue: .string("15s"), doc: "First wait between status requests (at least 15s).", rangeRule: .pollingTooFast, rangeReason: "polling faster triggers 429 Too Many Requests", rules: [.pollingTooFast, .maxIntervalBelowInitial]),
        FieldDefinition(name: "multiplier", type: .number(min: 1, max: 10), defaultValue: .int(2), doc: "Factor applied to the interval after each poll (at least 1).", rangeRule: .multiplierBelowOne, rangeReason: "a multiplier below 1 polls faster and faster", rules: [.multiplierBelowOne]),
        FieldDefinition(name: "maxInterval", type: .duration(min: .seconds(15), max: .seconds(3600)), defaultValue: .string("2m"), doc: "Cap on the interval.", rangeRule: .pollingTooFast, rangeReason: "polling faster triggers 429 Too Many Requests", rules: [.pollingTooFast, .maxIntervalBelowInitial]),
        FieldDefinition(name: "jitter", type: .choice(Jitter.allCases.map(\.rawValue)), defaultValue: .string("full"), doc: "Randomization of each interval, so many pipelines do not poll in step."),
    ])

    static let circuitBreaker = Section(path: "refresh.circuitBreaker", doc: "Stops the tool from amplifying platform instability.", fields: [
        FieldDefinition(name: "consecutive503", type: .integer(min: 1, max: 100), defaultValue: .int(3), doc: "503 responses in a row that open the breaker."),
        FieldDefinition(name: "pause", type: .duration(min: .seconds(1), max: .seconds(3600)), defaultValue: .string("30s"), doc: "How long polling pauses when the breaker opens."),
    ])

    static let retry = Section(path: "refresh.retry", doc: "Retries of individual requests (the official SDKs' practice).", fields: [
        FieldDefinition(name: "maxAttempts", type: .integer(min: 1, max: 10), defaultValue: .int(5), doc: "Attempts per request, the first included."),
        FieldDefinition(name: "on", type: .list(.retryCondition, minItems: 1), defaultValue: .array([.int(429), .int(502), .int(503), .int(504), .string("network")]), doc: "Statuses (429, 502, 503, 504) and `network`; never 400, 401, 403, 404, 409 or 501.", rules: [.nonRetryableStatus, .duplicateEntry]),
    ])

    static let lock = Section(path: "lock", doc: "The platform holds one refresh lock per sandbox.", fields: [
        FieldDefinition(name: "staleAfter", type: .duration(min: .seconds(60), max: .seconds(7 * 24 * 3600)), defaultValue: .string("30m"), doc: "A foreign refresh older than this, without a pipeline id, counts as stale."),
        FieldDefinition(name: "onForeignRefresh", type: .choice(ForeignRefreshPolicy.allCases.map(\.rawValue)), defaultValue: .string("wait"), doc: "`wait` for it, `abort-if-stale` (DELETE it when stale and untagged), or `fail`."),
        FieldDefinition(name: "waitTimeout", type: .duration(min: .seconds(60), max: .seconds(24 * 3600)), defaultValue: .string("1h"), doc: "How long `wait` waits for a foreign refresh.", rules: [.lockWaitExceedsMaxWait]),
    ])

    static let protection = Section(path: "protection", doc: "Sandbox work the refresh would delete or overwrite: shown object by object before the submission, then kept, refused or accepted.", fields: [
        FieldDefinition(name: "onRisk", type: .choice(RiskAction.allCases.map(\.rawValue)), defaultValue: .string("snapshot"), doc: "`snapshot` keeps a copy of everything at risk and goes on, `refuse` stops before the submission with exit 9, `allow` goes on."),
        FieldDefinition(name: "exempt", type: .list(.string(pattern: Protection.exemptPattern), minItems: 1), doc: "Name globs (`*`, `?`, case-insensitive) of objects the plan accepts losing; `kind:glob` limits one to a kind (`flow:SCRATCH-*`).", rules: [.duplicateEntry]),
    ])

    static let snapshot = Section(path: "snapshot", doc: "A copy of the sandbox objects at risk, taken before the submission: directories 0700, files 0600, a manifest of names and SHA-256s.", fields: [
        FieldDefinition(name: "directory", type: .string(pattern: "^.{1,1024}$"), defaultValue: .string(SnapshotPolicy.defaultDirectory), doc: "Root of the snapshots (`<directory>/<sandbox-id>/<run-id>/`); point it at a mounted volume. Relative to the working directory."),
        FieldDefinition(name: "contents", type: .choice(SnapshotContents.allCases.map(\.rawValue)), defaultValue: .string("at-risk"), doc: "`at-risk`: every object the refresh would delete or overwrite; `all`: every sandbox object of the kinds it replaces."),
        FieldDefinition(name: "keep", type: .integer(min: 1, max: 1000), defaultValue: .int(10), doc: "Snapshots kept per sandbox; older complete ones are removed once a new one completes."),
        FieldDefinition(name: "encryptionKey", type: .secret(literalAllowed: false), doc: "A 256-bit AES-GCM key (64 hex digits or base64), `${env:NAME}` or `${file:PATH}`: every file of the snapshot is sealed with it.", rules: [.literalSecret, .invalidInterpolation, .unsetEnvironment, .unreadableSecretFile]),
        FieldDefinition(name: "flowBatchSize", type: .integer(min: 1, max: 500), defaultValue: .int(50), doc: "Flows per export job (`POST /api/v2/flows/export/jobs`)."),
    ])

    static let dependencyScan = Section(path: "dependencyScan", doc: "Pre-refresh comparison of production and sandbox object counts.", fields: [
        FieldDefinition(name: "compare", type: .list(.choice(ObjectKind.allCases.map(\.rawValue)), minItems: 1), defaultValue: .array([.string("queues"), .string("skills")]), doc: "Object kinds whose counts are compared.", rules: [.duplicateEntry]),
        FieldDefinition(name: "onDrift", type: .choice(DriftAction.allCases.map(\.rawValue)), defaultValue: .string("expand-scope"), doc: "`expand-scope` adds ROUTING, `warn` continues, `fail` stops.", rules: [.driftExpansionRedundant]),
    ])

    static let artifacts = Section(path: "artifacts", doc: "Per-run records.", fields: [
        FieldDefinition(name: "directory", type: .string(pattern: "^.{1,1024}$"), defaultValue: .string(".refresh-artifacts"), doc: "Directory (relative to the working directory) for payloads, statuses and reports."),
    ])

    static let notify = Section(path: "notify", doc: "Run notifications. A delivery that fails is retried (3 attempts, honouring 429 Retry-After) and logged without its URL; it never changes the run's outcome or exit code.", fields: [
        FieldDefinition(name: "targets", type: .list(.section(notifyTarget), minItems: 1), doc: "Where the run's ending is posted, each target with its own `on` list.", rules: [.notifyTargetChannel, .literalSecret, .invalidURL]),
        FieldDefinition(name: "onFailure", type: .section(onFailure), doc: "Deprecated (still honoured): the same as a `webhook` target with `on: [failure, timeout]`."),
    ])

    static let notifyTarget = Section(path: "notify.targets[]", doc: "One notification target: exactly one of `slack`, `teams` or `webhook`, plus `on`.", fields: [
        FieldDefinition(name: "slack", type: .secret(literalAllowed: true), doc: "Slack incoming webhook URL (`${env:NAME}`: the URL is the credential). Gets a `text` fallback and Block Kit `blocks`.", rules: [.notifyTargetChannel, .literalSecret, .unsetEnvironment]),
        FieldDefinition(name: "teams", type: .secret(literalAllowed: true), doc: "Microsoft Teams incoming webhook or workflow URL. Gets an Adaptive Card (1.4) attachment.", rules: [.notifyTargetChannel, .literalSecret, .unsetEnvironment]),
        FieldDefinition(name: "webhook", type: .secret(literalAllowed: true), doc: "Any HTTPS endpoint. Gets the documented JSON summary (docs/notifications.md). A literal URL must be https and carry no credentials.", rules: [.notifyTargetChannel, .literalSecret, .invalidURL, .unsetEnvironment]),
        FieldDefinition(name: "on", type: .list(.choice(NotifyEvent.allCases.map(\.rawValue)), minItems: 1), defaultValue: .array(NotifyEvent.defaults.map { .string($0.rawValue) }), doc: "Run endings that are posted: `failure` (any failed outcome but a timeout), `timeout` (`timed-out`), `success`; and `impact`: before the submission, when the refresh would delete or overwrite sandbox work, so a sandbox's owners hear before the copy. Interrupted runs are never posted.", rules: [.duplicateEntry]),
    ])

    static let network = Section(path: "network", doc: "How requests leave the machine.", fields: [
        FieldDefinition(name: "proxy", type: .string(pattern: "^(none|https?://\\S+)$"), defaultDescription: "`HTTPS_PROXY`/`https_proxy`/`HTTP_PROXY`, minus `NO_PROXY` hosts", doc: "`http://host:port` of an HTTP proxy (CONNECT tunnels) for every request, or `none` to connect directly whatever the environment says. `NO_PROXY` still applies to an explicit proxy. Proxy credentials belong in `HTTPS_PROXY`, not in the plan.", rules: [.invalidURL, .literalSecret]),
        FieldDefinition(name: "caBundle", type: .string(pattern: "^.{1,1024}$"), defaultDescription: "`SSL_CERT_FILE` when set", doc: "PEM file of CA certificates trusted in addition to the system's (a TLS-inspecting proxy's root). An unreadable or invalid file stops `apply` and `check` before anything is sent, naming the path."),
    ])

    static let onFailure = Section(path: "notify.onFailure", doc: "Deprecated: a JSON summary posted on failure or timeout; prefer `notify.targets` with `webhook:`.", fields: [
        FieldDefinition(name: "webhook", type: .secret(literalAllowed: true), required: true, doc: "Webhook URL; use `${env:NAME}` when the URL itself carries a token. A literal URL must be https and carry no credentials.", rules: [.literalSecret, .invalidURL, .unsetEnvironment]),
    ])

    static let schedule = Section(path: "schedule", doc: "Unattended runs.", fields: [
        FieldDefinition(name: "cron", type: .cron, required: true, doc: "Five-field cron expression (minute hour day-of-month month day-of-week).", rules: [.invalidCron]),
        FieldDefinition(name: "timezone", type: .string(pattern: nil), doc: "IANA time zone the expression is meant in (e.g. `Europe/Dublin`); default: the host's.", rules: [.invalidTimezone]),
    ])
}
