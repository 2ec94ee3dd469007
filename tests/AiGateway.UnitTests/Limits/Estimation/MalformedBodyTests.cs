using System.Text;
using AiGateway.Limits.Estimation;

namespace AiGateway.UnitTests.Limits.Estimation;

public class MalformedBodyTests
{
    public static TheoryData<string> Bodies => new()
    {
        "",
        "{",
        "[]",
        "null",
        "\"just a string\"",
        "{}",
        """{"messages":5}""",
        """{"messages":null}""",
        """{"messages":[1,"x",null,[],{}]}""",
        """{"messages":[{"role":1,"content":{"nested":true},"name":null}]}""",
        """{"messages":[{"role":"user","content":[1,null,{"type":5,"text":7},{"type":"text"}]}]}""",
        """{"messages":[{"role":"user","content":"unterminated""",
        """{"messages":[{"role":"user","content":"x"}]} trailing""",
        """{"tools":"none","functions":[1,{"name":5,"parameters":[]},{"parameters":{"properties":{"a":1,"b":{"enum":[1,null,"x"]}}}}]}""",
        """{"tools":[{"type":"function"},{"function":null},{"function":{}}]}""",
        """{"input":[],"prompt":[]}""",
        """{"input":[1,"x",[2,"y"],{}],"prompt":[[],[[1]],null]}""",
        """{"input":{"a":1},"prompt":true,"n":-3,"best_of":"many"}""",
        """{"n":1e400,"best_of":99999999999999999999}""",
        """{"messages":[{"role":"user","content":"\ud800 lone surrogate, \udc00 another"}],"input":"\ud800","prompt":["\udfff"]}""",
        new string('[', 200) + new string(']', 200),
        "{\"messages\":[{\"content\":" + new string('[', 500) + new string(']', 500) + "}]}",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Estimate_MalformedOrOddBody_NeverThrowsAndReturnsNonNegative(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        foreach (var estimator in Estimators())
        {
            foreach (var shape in Enum.GetValues<PromptShape>())
            {
                var estimate = estimator.Estimate(bytes, shape);

                Assert.True(estimate.PromptTokens >= 0);
                Assert.True(estimate.Choices >= 0);
            }
        }
    }

    [Fact]
    public void Estimate_InvalidUtf8InString_DoesNotThrow()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"ab__cd"}]}""");
        var at = Array.IndexOf(bytes, (byte)'_');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // an invalid two-byte sequence

        foreach (var estimator in Estimators())
        {
            Assert.True(estimator.EstimatePromptTokens(bytes, PromptShape.Chat) > 0);
        }
    }

    [Fact]
    public void Estimate_UnterminatedJson_ReservesAtLeastAQuarterOfTheBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 4000));

        foreach (var estimator in Estimators())
        {
            Assert.True(estimator.EstimatePromptTokens(bytes, PromptShape.Chat) >= bytes.Length / 4);
        }
    }

    [Fact]
    public void Estimate_HugeStrings_CompletesWithPlausibleCounts()
    {
        // 4 MiB of prose and a 300,000-letter run in one body: bounded work for the exact estimator.
        var text = new PromptText(9);
        var prose = text.Prose(4 * 1024 * 1024);
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            messages = new[] { new { role = "user", content = prose }, new { role = "user", content = new string('z', 300_000) } },
        }));

        var fast = FastPromptEstimator.Instance.EstimatePromptTokens(body, PromptShape.Chat);
        var exact = ExactPromptEstimator.O200kBase.EstimatePromptTokens(body, PromptShape.Chat);

        Assert.InRange(fast, body.Length / 8, body.Length);
        Assert.InRange(exact, body.Length / 8, body.Length);
    }

    private static IEnumerable<IPromptEstimator> Estimators() => [FastPromptEstimator.Instance, ExactPromptEstimator.O200kBase, ExactPromptEstimator.Cl100kBase];
}
