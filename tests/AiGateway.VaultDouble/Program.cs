namespace AiGateway.VaultDouble;

/// <summary>
/// Standalone dev tool (never production): options from the "VaultDouble" section (appsettings.json,
/// <c>VaultDouble__*</c> environment variables, command line), plus <c>--policies &lt;dir&gt;</c> and
/// <c>--seed-file &lt;file&gt;</c>. Same host as <see cref="VaultTestDouble.StartAsync"/>, so what developers run is
/// what the tests prove.
/// </summary>
/// <remarks>
/// An explicit internal class rather than top-level statements: .NET 10 makes a top-level <c>Program</c> public,
/// and test projects that reference both the gateway and this double would then see two global <c>Program</c> types.
/// </remarks>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var host = VaultDoubleApp.Build(args, options: null, TimeProvider.System);
        await host.App.StartAsync().ConfigureAwait(false);
        Console.WriteLine(VaultDoubleBanner.Describe(host.App.Urls, host));
        await host.App.WaitForShutdownAsync().ConfigureAwait(false);
    }
}
