import RefreshPlan

extension Duration {
    /// Plan notation (`1h30m`), so messages about a setting read like the YAML it came from.
    public var planNotation: String { DurationText.format(self) }
}
