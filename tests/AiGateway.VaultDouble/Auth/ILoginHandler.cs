namespace AiGateway.VaultDouble;

/// <summary>An unauthenticated login endpoint, <c>auth/&lt;mount&gt;/login</c>; called before any token check.</summary>
internal interface ILoginHandler
{
    /// <summary>The login path, e.g. <c>auth/approle/login</c>.</summary>
    string Path { get; }

    VaultResponse Login(VaultRequest request);
}
