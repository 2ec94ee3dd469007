using System.Globalization;
using System.Xml.Linq;
using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

/// <summary>
/// deploy/docker/Dockerfile, checked without a Docker engine (none on the build machines): stages, user, health check,
/// ports, and that every file it copies is in the repository and in the build context.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly DockerfileModel Dockerfile = DockerfileModel.Load();

    [Fact]
    public void Stages_Dockerfile_BuildWithTheSdkAndShipOnAspNetRuntimeImages()
    {
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", Dockerfile.Stage("build").Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Dockerfile.Stage("gateway").Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Dockerfile.Stage("simulator").Image, StringComparison.Ordinal);
        // `docker build` without --target builds the last stage: that must be the gateway.
        Assert.Equal("gateway", Dockerfile.Stages[^1].Name);
        // Chiseled runtime images have no shell: no RUN may follow their FROM.
        Assert.All(new[] { "gateway", "rotation", "simulator" }, s =>
        {
            Assert.EndsWith("-chiseled", Dockerfile.Stage(s).Image, StringComparison.Ordinal);
            Assert.Empty(Dockerfile.Stage(s).All("RUN"));
        });
        Assert.All(new[] { "gateway", "rotation" }, s => Assert.DoesNotContain(Dockerfile.Stage(s).All("RUN"), r => r.Args.Contains("dotnet build", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("rotation")]
    [InlineData("simulator")]
    public void User_RuntimeStage_IsNumericAndNotRoot(string stage)
    {
        var user = Dockerfile.Stage(stage).User;

        // Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
        Assert.True(int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid != 0, $"USER of {stage} is '{user}'");
    }

    [Fact]
    public void Gateway_Dockerfile_ExposesBothListenersOnAllInterfacesAndChecksHealth()
    {
        var gateway = Dockerfile.Stage("gateway");
        var env = gateway.Env;

        Assert.Equal(["8080", "8081"], gateway.All("EXPOSE").SelectMany(e => e.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Order());
        Assert.Equal("http://*:8080", env["Gateway__Urls"]);
        Assert.Equal("http://*:8081", env["Admin__Urls"]);
        var health = Assert.Single(gateway.All("HEALTHCHECK")).Args;
        Assert.Contains("/healthz", health, StringComparison.Ordinal);
        Assert.Equal(["dotnet", "/app/AiGateway.dll", "--probe", "http://127.0.0.1:8081/healthz"], DockerStage.ExecForm(health[health.IndexOf("[", StringComparison.Ordinal)..]));
        // The data folder is a volume: with a read-only root filesystem it is the only writable place.
        Assert.Contains(env["Gateway__DataPath"], Assert.Single(gateway.All("VOLUME")).Args, StringComparison.Ordinal);
        Assert.Contains(env["Policies__Path"] + "/", string.Join(' ', gateway.Copies.Select(c => c.Destination)), StringComparison.Ordinal);
        Assert.DoesNotContain(env.Keys, k => !GatewaySettings.IsKnown(k));
    }

    [Theory]
    [InlineData("gateway", "gateway/AiGateway.csproj")]
    [InlineData("rotation", "gateway/KeyRotationTool/AiGateway.KeyRotation.csproj")]
    public void Entrypoint_RuntimeStage_RunsTheProjectsAssembly(string stage, string project)
    {
        var assembly = XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants("AssemblyName").Single().Value;

        var entrypoint = DockerStage.ExecForm(Assert.Single(Dockerfile.Stage(stage).All("ENTRYPOINT")).Args);

        Assert.Equal(["dotnet", $"/app/{assembly}.dll"], entrypoint);
        // A project on ASP.NET Core (Web SDK, or a FrameworkReference to it) does not start on the plain runtime image.
        var csproj = File.ReadAllText(Path.Combine(RepoPaths.Root, project));
        if (csproj.Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal) || csproj.Contains("Microsoft.AspNetCore.App", StringComparison.Ordinal))
        {
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Dockerfile.Stage(stage).Image, StringComparison.Ordinal);
        }
        Assert.Contains(Dockerfile.Stage("build").All("RUN"), r => r.Args.Contains($"dotnet publish {project}", StringComparison.Ordinal));
    }

    [Fact]
    public void Copy_Dockerfile_SourcesExistAndAreInTheBuildContext()
    {
        var ignore = DockerIgnore.Load();
        var stageNames = new List<string>();
        foreach (var stage in Dockerfile.Stages)
        {
            foreach (var (from, sources, _) in stage.Copies)
            {
                if (from is not null)
                {
                    Assert.Contains(from, stageNames);
                    continue;
                }

                foreach (var source in sources)
                {
                    var full = Path.Combine(RepoPaths.Root, source);
                    Assert.True(File.Exists(full) || Directory.Exists(full), $"COPY {source}: not in the repository");
                    Assert.False(ignore.Excludes(source), $"COPY {source}: excluded by .dockerignore");
                }
            }

            stageNames.Add(stage.Name);
        }

        // What the restore step reads must be copied before it runs: every project file the build restores.
        var build = Dockerfile.Stage("build");
        var copied = build.Copies.SelectMany(c => c.Sources).ToHashSet(StringComparer.Ordinal);
        foreach (var project in build.All("RUN").Where(r => r.Args.Contains("dotnet restore", StringComparison.Ordinal))
                     .Select(r => r.Args.Split(' ')[2]))
        {
            Assert.Contains(project, copied);
        }
    }

    [Theory]
    [InlineData("gateway/bin/Release/net10.0/AiGateway.dll")]
    [InlineData("gateway/obj/project.assets.json")]
    [InlineData("gateway/data/token-hash.key")]
    [InlineData("tests/AiGateway.UnitTests/AiGateway.UnitTests.csproj")]
    [InlineData(".git/config")]
    public void DockerIgnore_LocalStateAndTests_AreNotSentToTheEngine(string path)
    {
        Assert.True(DockerIgnore.Load().Excludes(path), $"{path} would be in the build context");
    }
}
