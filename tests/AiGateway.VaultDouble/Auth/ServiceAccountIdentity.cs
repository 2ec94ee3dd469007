namespace AiGateway.VaultDouble;

/// <summary>The service account a JWT issued by the double speaks for; the stand-in for Kubernetes' TokenReview.</summary>
internal sealed record ServiceAccountIdentity(string Name, string Namespace, string Uid, DateTimeOffset Expires);
