using Microsoft.Extensions.Time.Testing;

namespace AiGateway.VaultDouble.Tests;

/// <summary>A fake clock at a fixed, non-round instant, so timestamp assertions are exact.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2025, 5, 20, 10, 13, 20, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);
}
