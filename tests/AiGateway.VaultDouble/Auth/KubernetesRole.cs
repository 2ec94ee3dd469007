namespace AiGateway.VaultDouble;

/// <summary>A Kubernetes auth role: the one service account (name and namespace) it admits, and its token settings.</summary>
internal sealed record KubernetesRole(
    string Name,
    string ServiceAccountName,
    string ServiceAccountNamespace,
    IReadOnlyList<string> Policies,
    TimeSpan TokenTtl,
    string EntityId);
