using System.Text;
using AiGateway.Metering;

namespace AiGateway.UnitTests.Metering;

/// <summary>A generated request body: its top-level members in order (raw JSON values) and the rewrite options.</summary>
public sealed record RequestBodyCase(IReadOnlyList<(string Key, string Value)> Members, string Spacing, int? MaxTokens, bool EnsureStreamUsage, bool InsertAsCompletionTokens)
{
    public string Json
    {
        get
        {
            var sp = Spacing;
            var builder = new StringBuilder("{").Append(sp);
            for (var i = 0; i < Members.Count; i++)
            {
                builder.Append(i == 0 ? "" : "," + sp).Append('"').Append(Members[i].Key).Append('"').Append(sp).Append(':').Append(sp).Append(Members[i].Value);
            }
            return builder.Append(sp).Append('}').ToString();
        }
    }

    internal RequestRewriteOptions Options => new(MaxTokens, EnsureStreamUsage,
        InsertAsCompletionTokens ? OutputCapField.MaxCompletionTokens : OutputCapField.MaxTokens);

    public override string ToString() => $"{Json} cap={MaxTokens} ensureUsage={EnsureStreamUsage} insertAsCompletionTokens={InsertAsCompletionTokens}";
}
