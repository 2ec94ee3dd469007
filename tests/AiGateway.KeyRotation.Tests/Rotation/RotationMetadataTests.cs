using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Tests.Rotation;

public sealed class RotationMetadataTests
{
    private static readonly DateTimeOffset Now = new(2031, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AfterRotation_KeepsExistingEntriesAndSetsRotationFields()
    {
        var map = RotationMetadata.AfterRotation(
            new Dictionary<string, string> { ["owner"] = "rag", ["max_age_days"] = "7", ["previous_key_id"] = "stale" },
            "key_new", null, Now, "ops", 90);

        Assert.Equal("rag", map["owner"]);
        Assert.Equal("key_new", map["key_id"]);
        Assert.False(map.ContainsKey("previous_key_id"));
        Assert.Equal("2031-01-31T12:00:00Z", map["rotated_at"]);
        Assert.Equal("ops", map["rotated_by"]);
        Assert.Equal("2031-02-07T12:00:00Z", map["next_due"]);
    }
}
