namespace AiGateway.Hosting;

/// <summary>Endpoint metadata: which listener may serve an endpoint. Endpoints without it are served on both (health).</summary>
internal sealed class ListenerScope
{
    public static readonly ListenerScope AdminOnly = new(ListenerKind.Admin);
    public static readonly ListenerScope ProxyOnly = new(ListenerKind.Proxy);

    private ListenerScope(ListenerKind kind) => Kind = kind;

    public ListenerKind Kind { get; }
}

/// <summary>The two listeners: apps talk to the proxy; operators and tooling to the admin API.</summary>
internal enum ListenerKind
{
    Proxy,
    Admin,
}

/// <summary>Connection feature set by Kestrel connection middleware, telling requests which listener accepted them.</summary>
internal sealed class ListenerFeature
{
    public static readonly ListenerFeature Proxy = new(ListenerKind.Proxy);
    public static readonly ListenerFeature Admin = new(ListenerKind.Admin);

    private ListenerFeature(ListenerKind kind) => Kind = kind;

    public ListenerKind Kind { get; }
}
