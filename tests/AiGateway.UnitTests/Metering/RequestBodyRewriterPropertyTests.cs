using System.Text;
using System.Text.Json;
using AiGateway.Metering;
using FsCheck.Xunit;

namespace AiGateway.UnitTests.Metering;

[Properties(Arbitrary = [typeof(MeteringGenerators)], MaxTest = 500)]
public class RequestBodyRewriterPropertyTests
{
    private static readonly string[] CapKeys = ["max_tokens", "max_completion_tokens"];

    [Property]
    public void Rewrite_AnyBody_OutputParsesWithExpectedValuesAndOtherMembersUntouched(RequestBodyCase c)
    {
        var json = c.Json;
        var result = RequestBodyRewriter.Rewrite(Encoding.UTF8.GetBytes(json), c.Options);
        using var body = result.Body;
        var output = body is null ? json : Encoding.UTF8.GetString(body.Span);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var original = c.Members.ToDictionary(m => m.Key, m => m.Value);

        // Caps: larger values lowered; none present (null counts as none) → the cap appears once.
        var numeric = c.Members.Where(m => CapKeys.Contains(m.Key) && m.Value != "null").ToList();
        var firstNull = c.Members.FirstOrDefault(m => CapKeys.Contains(m.Key) && m.Value == "null").Key;
        var insertKey = c.Options.InsertAs == OutputCapField.MaxCompletionTokens ? "max_completion_tokens" : "max_tokens";
        int? effective = null;
        foreach (var key in CapKeys)
        {
            int? expected = original.TryGetValue(key, out var raw) && raw != "null" ? int.Parse(raw, System.Globalization.CultureInfo.InvariantCulture) : null;
            if (expected is { } value && c.MaxTokens is { } cap && value > cap)
            {
                expected = cap;
            }
            else if (expected is null && numeric.Count == 0 && c.MaxTokens is { } insert
                && (firstNull == key || (firstNull is null && key == insertKey)))
            {
                expected = insert;
            }
            var present = root.TryGetProperty(key, out var actual);
            if (expected is { } e)
            {
                Assert.Equal(e, actual.GetInt32());
                effective = effective is { } other ? Math.Min(other, e) : e;
            }
            else
            {
                Assert.Equal(original.ContainsKey(key), present);
                Assert.True(!present || actual.ValueKind == JsonValueKind.Null);
            }
        }
        Assert.Equal(effective, result.EffectiveMaxTokens);

        // stream_options: include_usage forced on for streams, other members kept.
        var stream = original.TryGetValue("stream", out var streamRaw) && streamRaw == "true";
        var ensure = stream && c.EnsureStreamUsage;
        original.TryGetValue("stream_options", out var optionsRaw);
        var clientAsked = optionsRaw is not null && optionsRaw.Replace(" ", "", StringComparison.Ordinal).Contains("\"include_usage\":true", StringComparison.Ordinal);
        if (ensure)
        {
            var options = root.GetProperty("stream_options");
            Assert.True(options.GetProperty("include_usage").GetBoolean());
            if (optionsRaw is not null && optionsRaw.Contains("include_obfuscation", StringComparison.Ordinal))
            {
                Assert.Equal(optionsRaw.Contains("true , ", StringComparison.Ordinal), options.GetProperty("include_obfuscation").GetBoolean());
            }
        }
        else
        {
            Assert.Equal(optionsRaw is not null, root.TryGetProperty("stream_options", out var options));
            if (optionsRaw is not null)
            {
                Assert.Equal(optionsRaw, options.GetRawText());
            }
        }
        Assert.Equal(stream, result.Stream);
        Assert.Equal(clientAsked, result.ClientRequestedUsage);
        Assert.Equal(ensure && !clientAsked, result.StripUsageChunk);

        // Everything else byte for byte, and no allocation when nothing had to change.
        foreach (var (key, value) in c.Members)
        {
            if (!CapKeys.Contains(key) && key != "stream_options")
            {
                Assert.Equal(value, root.GetProperty(key).GetRawText());
            }
        }
        var unchanged = output == json;
        Assert.Equal(unchanged, result.Body is null);
    }
}
