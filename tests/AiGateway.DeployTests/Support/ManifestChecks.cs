namespace AiGateway.DeployTests.Support;

/// <summary>
/// Properties every rendered overlay must have, as lists of problems (empty = fine), so that tests can show all of
/// them at once and <c>ManifestChecksTests</c> can prove each check catches a bad manifest.
/// </summary>
internal static class ManifestChecks
{
    /// <summary>Pods run as a non-root user, without privilege escalation, capabilities or a writable root filesystem.</summary>
    public static IEnumerable<string> PodSecurity(K8sObject workload)
    {
        var pod = workload.PodSpec!;
        if (Node.Str(pod, "securityContext.runAsNonRoot") != "true")
        {
            yield return $"{workload}: securityContext.runAsNonRoot is not true";
        }

        if (Node.Str(pod, "securityContext.runAsUser") == "0")
        {
            yield return $"{workload}: securityContext.runAsUser is 0 (root)";
        }

        foreach (var container in Containers(pod))
        {
            var where = $"{workload} container {Node.Str(container, "name")}";
            if (Node.Str(container, "securityContext.runAsUser") == "0")
            {
                yield return $"{where}: runs as uid 0";
            }

            if (Node.Str(container, "securityContext.allowPrivilegeEscalation") != "false")
            {
                yield return $"{where}: allowPrivilegeEscalation is not false";
            }

            if (Node.Str(container, "securityContext.readOnlyRootFilesystem") != "true")
            {
                yield return $"{where}: readOnlyRootFilesystem is not true";
            }

            if (!Node.Strs(container, "securityContext.capabilities.drop").Contains("ALL"))
            {
                yield return $"{where}: capabilities.drop does not contain ALL";
            }
        }
    }

    /// <summary>Every container requests CPU and memory and has a memory limit.</summary>
    public static IEnumerable<string> Resources(K8sObject workload)
    {
        foreach (var container in Containers(workload.PodSpec!))
        {
            foreach (var field in new[] { "requests.cpu", "requests.memory", "limits.memory" })
            {
                if (Node.Str(container, "resources." + field) is not { Length: > 0 })
                {
                    yield return $"{workload} container {Node.Str(container, "name")}: no resources.{field}";
                }
            }
        }
    }

    /// <summary>
    /// The admin port of pods labelled <paramref name="podLabels"/> is reachable neither through a Service other than
    /// <paramref name="adminService"/> (which must be ClusterIP) nor through a NetworkPolicy rule open to everyone, and a
    /// NetworkPolicy restricts ingress to those pods at all.
    /// </summary>
    public static IEnumerable<string> AdminPortIsInternal(RenderedManifests manifests, IReadOnlyDictionary<string, string> podLabels,
        int adminPort, string adminPortName, string adminService)
    {
        foreach (var service in manifests.OfKind("Service").Where(s => Node.Selects(Node.StringMap(s.Root, "spec.selector"), podLabels)))
        {
            var exposesAdmin = Node.Maps(service.Root, "spec.ports").Any(p =>
                Node.Str(p, "targetPort") is { } target ? target == adminPortName || target == adminPort.ToString() : Node.Str(p, "port") == adminPort.ToString());
            if (exposesAdmin && service.Name != adminService)
            {
                yield return $"{service}: exposes the admin port {adminPort} to whoever can reach it";
            }

            if (exposesAdmin && (Node.Str(service.Root, "spec.type") ?? "ClusterIP") != "ClusterIP")
            {
                yield return $"{service}: admin port on a {Node.Str(service.Root, "spec.type")} Service (outside the cluster)";
            }
        }

        foreach (var ingress in manifests.OfKind("Ingress").Where(i => Node.Maps(i.Root, "spec.rules").Any() && IngressTargets(i).Contains(adminService)))
        {
            yield return $"{ingress}: routes to the admin Service {adminService}";
        }

        var policies = manifests.OfKind("NetworkPolicy")
            .Where(p => Node.Selects(Node.StringMap(p.Root, "spec.podSelector.matchLabels"), podLabels)
                && Node.Strs(p.Root, "spec.policyTypes").Contains("Ingress"))
            .ToList();
        if (policies.Count == 0)
        {
            yield return "no NetworkPolicy restricts ingress to the gateway pods";
        }

        foreach (var policy in policies)
        {
            foreach (var (rule, i) in Node.Maps(policy.Root, "spec.ingress").Select((r, i) => (r, i)))
            {
                var ports = Node.Maps(rule, "ports").Select(p => Node.Str(p, "port")).ToList();
                if (ports.Count == 0)
                {
                    yield return $"{policy} ingress[{i}]: no ports listed, so every port (the admin port too) is open to its peers";
                }
                else if ((ports.Contains(adminPort.ToString()) || ports.Contains(adminPortName)) && OpenToAll(rule))
                {
                    yield return $"{policy} ingress[{i}]: admin port {adminPort} open to every pod or address";
                }
            }
        }
    }

    /// <summary>A rule whose peers include everyone: no <c>from</c>, an empty namespace selector alone, or an ipBlock.</summary>
    private static bool OpenToAll(Dictionary<string, object?> rule)
    {
        var peers = Node.Maps(rule, "from").ToList();
        return Node.At(rule, "from") is null || peers.Count == 0 || peers.Any(p =>
            p.ContainsKey("ipBlock")
            || (p.ContainsKey("namespaceSelector") && !p.ContainsKey("podSelector") && (Node.Map(p, "namespaceSelector") ?? []).Count == 0));
    }

    private static IEnumerable<string> IngressTargets(K8sObject ingress) =>
        Node.Maps(ingress.Root, "spec.rules")
            .SelectMany(r => Node.Maps(r, "http.paths"))
            .Select(p => Node.Str(p, "backend.service.name") ?? Node.Str(p, "backend.serviceName") ?? string.Empty);

    public static IEnumerable<Dictionary<string, object?>> Containers(Dictionary<string, object?> podSpec) =>
        Node.Maps(podSpec, "initContainers").Concat(Node.Maps(podSpec, "containers"));
}
