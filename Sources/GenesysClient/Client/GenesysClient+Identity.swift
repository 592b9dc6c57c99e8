import GenesysWire

extension GenesysClient {
    /// `GET /api/v2/organizations/me`: the organization these credentials belong to.
    public func organizationInfo() async throws(APIError) -> OrganizationInfo {
        try await send(Endpoint.organizationsMe(), as: OrganizationInfo.self)
    }
}
