using AiGateway.Keys.Vault;
using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Tests.Rotation;

public sealed class RotationScheduleTests
{
    private static readonly DateTimeOffset Now = new(2031, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_RotatedAtPresent_UsesItAndTheSecretsMaxAge()
    {
        var age = RotationSchedule.Evaluate(Secret(Now.AddDays(-1), new() { ["rotated_at"] = "2030-12-31T12:00:00Z", ["max_age_days"] = "30" }), null, 90, Now);

        Assert.Equal(KeyAgeSource.RotatedAt, age.Source);
        Assert.Equal(TimeSpan.FromDays(31), age.Age);
        Assert.Equal(30, age.MaxAgeDays);
        Assert.True(age.IsDue);
        Assert.Equal(new DateTimeOffset(2031, 1, 30, 12, 0, 0, TimeSpan.Zero), age.DueAt);
    }

    [Theory]
    [InlineData(89.9, false)]
    [InlineData(90, true)]
    [InlineData(120, true)]
    public void Evaluate_NeverRotated_UsesVersionCreatedTimeAndDefaultMaxAge(double days, bool due)
    {
        var age = RotationSchedule.Evaluate(Secret(Now.AddDays(-days), null), null, 90, Now);

        Assert.Equal(KeyAgeSource.VersionCreated, age.Source);
        Assert.Equal(due, age.IsDue);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ninety")]
    public void Evaluate_InvalidMaxAgeMetadata_FallsBackToDefault(string value)
    {
        var age = RotationSchedule.Evaluate(Secret(Now, new() { ["max_age_days"] = value }), null, 45, Now);

        Assert.Equal(45, age.MaxAgeDays);
    }

    [Fact]
    public void Evaluate_NoTimesAnywhere_FallsBackToMetadataThenCountsAsDue()
    {
        var fromMetadata = RotationSchedule.Evaluate(Secret(null, null), new KvMetadata(1, Now.AddDays(-200), Now.AddDays(-5), new Dictionary<string, string>()), 90, Now);
        var unknown = RotationSchedule.Evaluate(Secret(null, null), null, 90, Now);

        Assert.Equal(KeyAgeSource.Metadata, fromMetadata.Source);
        Assert.Equal(TimeSpan.FromDays(5), fromMetadata.Age);
        Assert.False(fromMetadata.IsDue);
        Assert.Equal(KeyAgeSource.Unknown, unknown.Source);
        Assert.True(unknown.IsDue);
    }

    private static KvSecret Secret(DateTimeOffset? created, Dictionary<string, string>? custom) =>
        new(new Dictionary<string, string> { ["api_key"] = "sk-unit", ["key_id"] = "key_1" }, 1, created, custom);
}
