using System.Net;
using System.Net.Http.Headers;
using AiGateway.IntegrationTests.Infrastructure;

namespace AiGateway.IntegrationTests.Admin;

/// <summary>With no Admin:BootstrapToken, the embedded default generates one into the data folder and logs only where.</summary>
public sealed class BootstrapCredentialTests
{
    [Fact]
    public async Task Start_NoBootstrapTokenConfigured_GeneratesOwnerOnlyFileAndLogsItsLocationOnly()
    {
        var data = TestPaths.NewTempFolder("bootstrap");
        string generated;
        await using (var gateway = await GatewayHost.StartAsync(new Uri("http://127.0.0.1:9/v1"),
            new Dictionary<string, string?> { ["Admin:BootstrapToken"] = "" }, dataPath: data))
        {
            var file = Path.Combine(data, "admin-bootstrap-token");
            generated = (await File.ReadAllTextAsync(file)).Trim();
            using var client = new HttpClient { BaseAddress = gateway.AdminUrl };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", generated);

            using var whoami = await client.GetAsync("/admin/whoami");

            Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
            Assert.StartsWith("aigwadm_", generated, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.True(gateway.Logs.Contains(file));
            Assert.False(gateway.Logs.Contains(generated));
        }

        // A restart keeps the same credential.
        await using var restarted = await GatewayHost.StartAsync(new Uri("http://127.0.0.1:9/v1"),
            new Dictionary<string, string?> { ["Admin:BootstrapToken"] = "" }, dataPath: data);
        Assert.Equal(generated, (await File.ReadAllTextAsync(Path.Combine(data, "admin-bootstrap-token"))).Trim());
    }

    [Theory]
    [InlineData("Admin:BootstrapToken", "short", "Admin:BootstrapToken")]
    [InlineData("Upstream:BaseUrl", "ftp://example", "Upstream:BaseUrl")]
    [InlineData("Gateway:MaxRequestBodyBytes", "10", "Gateway:MaxRequestBodyBytes")]
    [InlineData("Auth:TokenHashKey", "bm90LWVub3VnaA==", "Auth:TokenHashKey")]
    [InlineData("Gateway:Urls", "https://0.0.0.0:443", "Gateway:Urls")]
    public async Task Start_InvalidSetting_FailsWithMessageNamingIt(string key, string value, string named)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            GatewayHost.StartAsync(new Uri("http://127.0.0.1:9/v1"), new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
