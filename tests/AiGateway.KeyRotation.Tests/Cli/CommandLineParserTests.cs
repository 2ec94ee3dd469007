using AiGateway.KeyRotation.Cli;

namespace AiGateway.KeyRotation.Tests.Cli;

public sealed class CommandLineParserTests
{
    [Theory]
    [InlineData("rotate rag-production", "Rotate", "rag-production", false, false, null)]
    [InlineData("rotate creds/rag-production", "Rotate", "rag-production", false, false, null)]
    [InlineData("rotate --dry-run rag-production", "Rotate", "rag-production", true, false, null)]
    [InlineData("rotate rag-production --grace-seconds 30", "Rotate", "rag-production", false, false, 30)]
    [InlineData("rotate rag-production --grace-seconds=0 --json", "Rotate", "rag-production", false, true, 0)]
    [InlineData("rotate --due", "RotateDue", null, false, false, null)]
    [InlineData("rotate --due --dry-run --json", "RotateDue", null, true, true, null)]
    [InlineData("status", "Status", null, false, false, null)]
    [InlineData("status --json", "Status", null, false, true, null)]
    [InlineData("", "Help", null, false, false, null)]
    [InlineData("--help", "Help", null, false, false, null)]
    [InlineData("rotate --help", "Help", null, false, false, null)]
    public void TryParse_ValidArguments_Parses(string args, string command, string? service, bool dryRun, bool json, int? grace)
    {
        Assert.True(CommandLineParser.TryParse(Split(args), out var line, out var error), error);

        Assert.Equal(Enum.Parse<ToolCommand>(command), line.Command);
        Assert.Equal(service, line.Service);
        Assert.Equal(dryRun, line.DryRun);
        Assert.Equal(json, line.Json);
        Assert.Equal(grace, line.GraceSeconds);
    }

    [Theory]
    [InlineData("rotate", "needs a service")]
    [InlineData("rotate a b", "one service at a time")]
    [InlineData("rotate rag-production --due", "not both")]
    [InlineData("rotate ../etc", "not a service name")]
    [InlineData("rotate creds/", "name a service")]
    [InlineData("rotate rag-production --grace-seconds", "--grace-seconds needs a whole number")]
    [InlineData("rotate rag-production --grace-seconds -5", "--grace-seconds needs a whole number")]
    [InlineData("rotate rag-production --force", "unknown option '--force'")]
    [InlineData("rotate rag-production --Vault:Address", "needs a value")]
    [InlineData("status rag-production", "status takes no service")]
    [InlineData("status --due", "status takes no service")]
    [InlineData("purge", "unknown command 'purge'")]
    public void TryParse_InvalidArguments_ExplainsWhy(string args, string expected)
    {
        Assert.False(CommandLineParser.TryParse(Split(args), out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SettingOverride_IsPassedOnAndNotMistakenForAService()
    {
        Assert.True(CommandLineParser.TryParse(["--Vault:Address=https://vault:8200", "rotate", "--dry-run", "rag-production"], out var line, out _));

        Assert.Equal("rag-production", line.Service);
        Assert.True(line.DryRun);
        Assert.Equal(["--Vault:Address=https://vault:8200"], line.ConfigurationOverrides);
    }

    [Fact]
    public void TryParse_BareInvocation_IsHelpWithoutHelpRequested()
    {
        Assert.True(CommandLineParser.TryParse([], out var line, out _));

        Assert.Equal(ToolCommand.Help, line.Command);
        Assert.False(line.HelpRequested);
    }

    private static string[] Split(string args) => args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
