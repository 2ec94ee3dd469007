namespace AiGateway.Admin;

/// <summary>The bootstrap admin credential in force, and where it came from (never its value in logs).</summary>
internal sealed record AdminBootstrapToken(string Value, string Source)
{
    public override string ToString() => $"AdminBootstrapToken {{ Source = {Source} }}";
}
