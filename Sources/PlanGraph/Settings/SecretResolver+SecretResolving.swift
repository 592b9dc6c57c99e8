import RefreshPlan

/// The plan's resolver serves the graph's references: each is the plan's secret it was
/// compiled from, so it resolves exactly as the plan's credentials do.
extension SecretResolver: SecretResolving {
    public func resolve(_ reference: SecretReference) throws -> String {
        try resolve(SecretValue(reference))
    }
}

extension SecretValue {
    init(_ reference: SecretReference) {
        switch reference.source {
        case .literal(let value): self.init(SecretValue.Source.literal(value))
        case .env(let name): self.init(SecretValue.Source.env(name))
        case .file(let path): self.init(SecretValue.Source.file(path))
        }
    }
}

extension SecretReference {
    init(_ secret: SecretValue) {
        switch secret.source {
        case .literal(let value): self.init(Source.literal(value))
        case .env(let name): self.init(Source.env(name))
        case .file(let path): self.init(Source.file(path))
        }
    }
}
