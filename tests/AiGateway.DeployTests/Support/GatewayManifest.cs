namespace AiGateway.DeployTests.Support;

/// <summary>The gateway's parts of a rendered overlay, by the names deploy/k8s/base gives them.</summary>
internal sealed class GatewayManifest
{
    public const string AdminPortName = "admin";
    public const int AdminPort = 8081;
    public const int ProxyPort = 8080;

    public GatewayManifest(string overlay)
    {
        Overlay = overlay;
        All = Kustomize.Render(overlay);
        Deployment = All.Single("Deployment", "ai-gateway");
        Pod = Deployment.PodSpec!;
        Container = ManifestChecks.Containers(Pod).Single(c => Node.Str(c, "name") == "gateway");
        Settings = Node.StringMap(All.Generated("ConfigMap", "ai-gateway-settings").Root, "data");
    }

    public string Overlay { get; }

    public RenderedManifests All { get; }

    public K8sObject Deployment { get; }

    public Dictionary<string, object?> Pod { get; }

    public Dictionary<string, object?> Container { get; }

    /// <summary>The settings ConfigMap the container takes as environment variables.</summary>
    public Dictionary<string, string> Settings { get; }

    public Dictionary<string, object?> Env(string name) =>
        Node.Maps(Container, "env").SingleOrDefault(e => Node.Str(e, "name") == name)
        ?? throw new Xunit.Sdk.XunitException($"{Overlay}: the gateway container has no env {name}");

    /// <summary>The value of a setting, from the container's env or its settings ConfigMap.</summary>
    public string? Setting(string name) =>
        Node.Maps(Container, "env").Where(e => Node.Str(e, "name") == name).Select(e => Node.Str(e, "value")).FirstOrDefault()
        ?? Settings.GetValueOrDefault(name);

    public int ContainerPort(string name) =>
        int.Parse(Node.Maps(Container, "ports").Single(p => Node.Str(p, "name") == name)["containerPort"] as string ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The volume mounted at <paramref name="mountPath"/> and the mount itself.</summary>
    public (Dictionary<string, object?> Volume, Dictionary<string, object?> Mount) MountAt(string mountPath)
    {
        var mount = Node.Maps(Container, "volumeMounts").SingleOrDefault(m => Node.Str(m, "mountPath") == mountPath)
            ?? throw new Xunit.Sdk.XunitException($"{Overlay}: nothing is mounted at {mountPath}");
        var volume = Node.Maps(Pod, "volumes").Single(v => Node.Str(v, "name") == Node.Str(mount, "name"));
        return (volume, mount);
    }
}
