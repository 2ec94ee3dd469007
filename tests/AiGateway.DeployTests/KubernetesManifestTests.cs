using System.Globalization;
using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>
/// deploy/k8s overlays, rendered by <c>kubectl kustomize</c>: what production needs from them (identity, probes,
/// resources, disruption budget, autoscaling, secrets, policies) is really in the output of both overlays.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new() { "overlays/dev", "overlays/prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Render_Overlay_HasEveryPartInOneNamespace(string overlay)
    {
        var all = Kustomize.Render(overlay);

        foreach (var (kind, name) in new[]
        {
            ("ServiceAccount", "ai-gateway"), ("ServiceAccount", "ai-gateway-rotation"), ("Deployment", "ai-gateway"),
            ("Service", "ai-gateway"), ("Service", "ai-gateway-admin"), ("PodDisruptionBudget", "ai-gateway"),
            ("HorizontalPodAutoscaler", "ai-gateway"), ("NetworkPolicy", "ai-gateway"), ("CronJob", "aigateway-key-rotation"),
        })
        {
            Assert.True(all.Has(kind, name), $"{overlay}: no {kind}/{name}");
        }

        var ns = Assert.Single(all.OfKind("Namespace")).Name;
        var elsewhere = all.Objects.Where(o => o.Kind != "Namespace" && Node.Str(o.Root, "metadata.namespace") != ns).ToList();
        Assert.True(elsewhere.Count == 0, $"{overlay}: not in namespace {ns}: {string.Join(", ", elsewhere)}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Workloads_Overlay_RunAsNonRootWithReadOnlyRootFilesystem(string overlay)
    {
        var all = Kustomize.Render(overlay);

        var problems = all.Workloads.SelectMany(ManifestChecks.PodSecurity).ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // The image's user (deploy/docker/Dockerfile: USER 1654) is the one the pod asks for.
        Assert.Equal(DockerfileModel.Load().Stage("gateway").User, Node.Str(new GatewayManifest(overlay).Pod, "securityContext.runAsUser"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Workloads_Overlay_RequestCpuAndMemoryAndLimitMemory(string overlay)
    {
        var problems = Kustomize.Render(overlay).Workloads.SelectMany(ManifestChecks.Resources).ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Gateway_Overlay_RunsSeveralReplicasProbedOnHealthEndpoints(string overlay)
    {
        var gw = new GatewayManifest(overlay);

        Assert.True(int.Parse(Node.Str(gw.Deployment.Root, "spec.replicas")!, CultureInfo.InvariantCulture) >= 2, "fewer than 2 replicas");
        Assert.Equal(GatewayManifest.ProxyPort, gw.ContainerPort("http"));
        Assert.Equal(GatewayManifest.AdminPort, gw.ContainerPort(GatewayManifest.AdminPortName));
        Assert.Equal("/readyz", Node.Str(gw.Container, "readinessProbe.httpGet.path"));
        Assert.Equal("/healthz", Node.Str(gw.Container, "livenessProbe.httpGet.path"));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            // A probe port must name one of the container's ports (a typo would fail every probe).
            var port = Node.Str(gw.Container, $"{probe}.httpGet.port");
            Assert.Contains(port, Node.Maps(gw.Container, "ports").Select(p => Node.Str(p, "name")));
        }

        // Listening on every interface: the default 127.0.0.1 would be unreachable from the kubelet and the Service.
        Assert.StartsWith("http://*:", gw.Setting("Gateway__Urls"), StringComparison.Ordinal);
        Assert.StartsWith("http://*:", gw.Setting("Admin__Urls"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void AdminPort_Overlay_IsNeitherInTheAppServiceNorOpenInTheNetworkPolicy(string overlay)
    {
        var gw = new GatewayManifest(overlay);

        var problems = ManifestChecks.AdminPortIsInternal(gw.All, gw.Deployment.PodLabels, GatewayManifest.AdminPort,
            GatewayManifest.AdminPortName, "ai-gateway-admin").ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var appService = gw.All.Single("Service", "ai-gateway");
        var port = Assert.Single(Node.Maps(appService.Root, "spec.ports"));
        Assert.Equal("http", Node.Str(port, "targetPort"));
        // Apps can reach the proxy port: some ingress rule of the gateway's policy allows it.
        var rules = Node.Maps(gw.All.Single("NetworkPolicy", "ai-gateway").Root, "spec.ingress");
        Assert.Contains(rules, r => Node.Maps(r, "ports").Any(p => Node.Str(p, "port") == GatewayManifest.ProxyPort.ToString(CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Gateway_Overlay_TakesRedisAndCredentialsFromSecretsAndLogsInToVaultAsItsServiceAccount(string overlay)
    {
        var gw = new GatewayManifest(overlay);

        foreach (var name in new[] { "Redis__Configuration", "Auth__TokenHashKey", "Admin__BootstrapToken" })
        {
            Assert.NotNull(Node.Str(gw.Env(name), "valueFrom.secretKeyRef.key"));
            Assert.Null(Node.Str(gw.Env(name), "value"));
        }

        Assert.Equal("Vault", gw.Setting("Keys__Provider"));
        Assert.Equal("Kubernetes", gw.Setting("Vault__Auth__Method"));
        Assert.Equal("aigateway", gw.Setting("Vault__Auth__Role"));
        Assert.StartsWith("http", gw.Setting("Vault__Address"), StringComparison.Ordinal);
        // deploy/vault/bootstrap.sh --kubernetes binds role aigateway to this service account; its token must be mounted.
        Assert.Equal("ai-gateway", Node.Str(gw.Pod, "serviceAccountName"));
        Assert.NotEqual("false", Node.Str(gw.Pod, "automountServiceAccountToken"));
        Assert.Contains("GATEWAY_SA=\"ai-gateway\"", File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "vault", "bootstrap.sh")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Gateway_Overlay_WritesOnlyToItsDataVolumeAndTmp(string overlay)
    {
        var gw = new GatewayManifest(overlay);

        foreach (var path in new[] { gw.Setting("Gateway__DataPath")!, "/tmp" })
        {
            var (volume, mount) = gw.MountAt(path);
            Assert.True(volume.ContainsKey("emptyDir") || volume.ContainsKey("persistentVolumeClaim"), $"{path} is not a writable volume");
            Assert.NotEqual("true", Node.Str(mount, "readOnly"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Policies_Overlay_ComeFromConfigMapsIdenticalToThePoliciesFolder(string overlay)
    {
        var gw = new GatewayManifest(overlay);
        var policiesPath = gw.Setting("Policies__Path")!;

        var (teamsVolume, _) = gw.MountAt(policiesPath + "/teams");
        var teams = gw.All.Single("ConfigMap", Node.Str(teamsVolume, "configMap.name")!);
        var (pricingVolume, pricingMount) = gw.MountAt(policiesPath + "/pricing.json");
        var pricing = gw.All.Single("ConfigMap", Node.Str(pricingVolume, "configMap.name")!);

        var repoTeams = Directory.GetFiles(Path.Combine(RepoPaths.Root, "policies", "teams"), "*.json")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        var mountedTeams = Node.StringMap(teams.Root, "data");
        Assert.True(repoTeams.Keys.Order().SequenceEqual(mountedTeams.Keys.Order()),
            $"team files differ: policies/teams has {string.Join(", ", repoTeams.Keys)}, the ConfigMap {string.Join(", ", mountedTeams.Keys)}. Run deploy/k8s/sync-policies.sh.");
        foreach (var (file, text) in repoTeams)
        {
            Assert.True(text == mountedTeams[file], $"{file} in the ConfigMap differs from policies/teams/{file}. Run deploy/k8s/sync-policies.sh.");
        }

        Assert.Equal("pricing.json", Node.Str(pricingMount, "subPath"));
        Assert.True(File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "pricing.json")) == Node.StringMap(pricing.Root, "data").GetValueOrDefault("pricing.json"),
            "pricing.json in the ConfigMap differs from policies/pricing.json. Run deploy/k8s/sync-policies.sh.");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ConfigMapReferences_Overlay_NameRenderedConfigMaps(string overlay)
    {
        var all = Kustomize.Render(overlay);

        var referenced = all.Workloads.SelectMany(w =>
            Node.Maps(w.PodSpec, "volumes").Select(v => Node.Str(v, "configMap.name"))
                .Concat(ManifestChecks.Containers(w.PodSpec!).SelectMany(c => Node.Maps(c, "envFrom")).Select(e => Node.Str(e, "configMapRef.name"))))
            .OfType<string>().ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.True(all.Has("ConfigMap", name), $"{overlay}: ConfigMap {name} is referenced but not rendered"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void DisruptionBudgetAndAutoscaler_Overlay_CoverTheGatewayWithAtLeastTwoReplicas(string overlay)
    {
        var gw = new GatewayManifest(overlay);
        var pdb = gw.All.Single("PodDisruptionBudget", "ai-gateway");
        var hpa = gw.All.Single("HorizontalPodAutoscaler", "ai-gateway");

        Assert.True(Node.Selects(Node.StringMap(pdb.Root, "spec.selector.matchLabels"), gw.Deployment.PodLabels), "the PDB does not select the gateway pods");
        Assert.True(Node.At(pdb.Root, "spec.maxUnavailable") is not null || Node.At(pdb.Root, "spec.minAvailable") is not null);
        Assert.Equal("Deployment", Node.Str(hpa.Root, "spec.scaleTargetRef.kind"));
        Assert.Equal("ai-gateway", Node.Str(hpa.Root, "spec.scaleTargetRef.name"));
        var min = int.Parse(Node.Str(hpa.Root, "spec.minReplicas")!, CultureInfo.InvariantCulture);
        var max = int.Parse(Node.Str(hpa.Root, "spec.maxReplicas")!, CultureInfo.InvariantCulture);
        Assert.True(min >= 2 && max > min, $"HPA {min}..{max}");
        Assert.Equal(min.ToString(CultureInfo.InvariantCulture), Node.Str(gw.Deployment.Root, "spec.replicas"));
        // Fail-open shares the limits by this count (README: scaling); it must be the autoscaler's floor.
        Assert.Equal(min.ToString(CultureInfo.InvariantCulture), gw.Setting("Redis__ReplicaCount"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void RotationCronJob_Overlay_RunsRotateDueWithItsOwnIdentityAndImage(string overlay)
    {
        var gw = new GatewayManifest(overlay);
        var cron = gw.All.Single("CronJob", "aigateway-key-rotation");
        var container = Assert.Single(ManifestChecks.Containers(cron.PodSpec!));
        var settings = Node.StringMap(gw.All.Single("ConfigMap", Node.Str(Node.Maps(container, "envFrom").Single(), "configMapRef.name")!).Root, "data");

        Assert.Equal(["rotate", "--due"], Node.Strs(container, "args").Take(2));
        Assert.Equal("Forbid", Node.Str(cron.Root, "spec.concurrencyPolicy"));
        Assert.Equal("ai-gateway-rotation", Node.Str(cron.PodSpec, "serviceAccountName"));
        Assert.Equal("aigateway-rotation", settings["Vault__Auth__Role"]);
        Assert.Equal("Kubernetes", settings["Vault__Auth__Method"]);
        Assert.Equal(gw.Setting("Vault__Address"), settings["Vault__Address"]);
        Assert.NotEqual(Node.Str(gw.Container, "image"), Node.Str(container, "image"));
        Assert.Contains(Node.Maps(cron.PodSpec, "volumes"), v => Node.Str(v, "secret.secretName") is not null
            && settings["Provider__AdminKeyFile"].StartsWith(Node.Str(Node.Maps(container, "volumeMounts").Single(m => Node.Str(m, "name") == Node.Str(v, "name")), "mountPath") + "/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Metrics_Overlay_AreScrapedFromTheAdminPort(string overlay)
    {
        var gw = new GatewayManifest(overlay);
        var annotations = Node.StringMap(gw.Deployment.Root, "spec.template.metadata.annotations");

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(GatewayManifest.AdminPort.ToString(CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
    }

    [Fact]
    public void ServiceMonitor_Prod_ScrapesTheAdminServiceAsJobAigateway()
    {
        var gw = new GatewayManifest("overlays/prod");
        var monitor = gw.All.Single("ServiceMonitor", "ai-gateway");
        var admin = gw.All.Single("Service", "ai-gateway-admin");

        Assert.True(Node.Selects(Node.StringMap(monitor.Root, "spec.selector.matchLabels"), Node.StringMap(admin.Root, "metadata.labels")));
        Assert.False(Node.Selects(Node.StringMap(monitor.Root, "spec.selector.matchLabels"), Node.StringMap(gw.All.Single("Service", "ai-gateway").Root, "metadata.labels")),
            "the ServiceMonitor also selects the app-facing Service");
        var endpoint = Assert.Single(Node.Maps(monitor.Root, "spec.endpoints"));
        Assert.Equal(GatewayManifest.AdminPortName, Node.Str(endpoint, "port"));
        Assert.Equal("/metrics", Node.Str(endpoint, "path"));
        // The alert rules select up{job="aigateway"}: the job label comes from the admin Service's label.
        var job = Node.StringMap(admin.Root, "metadata.labels")[Node.Str(monitor.Root, "spec.jobLabel")!];
        Assert.Contains($"job=\"{job}\"", File.ReadAllText(RepoPaths.RulesFile), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_Prod_AreNotInTheRepository()
    {
        Assert.Empty(Kustomize.Render("overlays/prod").OfKind("Secret"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Settings_Overlay_AreSettingsTheGatewayKnows(string overlay)
    {
        var gw = new GatewayManifest(overlay);

        var names = Node.Maps(gw.Container, "env").Select(e => Node.Str(e, "name")!).Concat(gw.Settings.Keys);

        Assert.DoesNotContain(names, n => !GatewaySettings.IsKnown(n));
    }
}
