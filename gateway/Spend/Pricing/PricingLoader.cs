using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGateway.Spend.Pricing;

/// <summary>Reads and checks <c>pricing.json</c> in the policy folder, collecting every error with its field.</summary>
public static class PricingLoader
{
    public const string FileName = "pricing.json";

    /// <summary>Loads the price table; a missing file is an error (an unpriced gateway would meter nothing).</summary>
    public static PriceTable Load(string policiesPath, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var file = Path.Combine(policiesPath, FileName);
        var display = Path.Combine(Path.GetFileName(Path.GetFullPath(policiesPath).TrimEnd('/', '\\')), FileName);
        if (!File.Exists(file))
        {
            errors.Add($"{display}: not found. Every model a team may use needs a price (USD per 1M input and output tokens); copy policies/{FileName} from the repository.");
            return PriceTable.Empty;
        }
        PricingDocument? document;
        try
        {
            using var stream = File.OpenRead(file);
            document = JsonSerializer.Deserialize(stream, PricingJsonContext.Default.PricingDocument);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $"'{path.TrimStart('$', '.')}'" : "the file";
            errors.Add($"{display}: {where} is not valid: {ex.Message}");
            return PriceTable.Empty;
        }
        catch (IOException ex)
        {
            errors.Add($"{display}: cannot be read: {ex.Message}");
            return PriceTable.Empty;
        }
        if (document is null)
        {
            errors.Add($"{display}: the file must hold a JSON object.");
            return PriceTable.Empty;
        }
        return Compile(document, display, errors);
    }

    public static PriceTable Compile(PricingDocument document, string display, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (document.Currency is not null && document.Currency != "USD")
        {
            errors.Add($"{display}: 'currency' is \"{document.Currency}\"; only \"USD\" is supported.");
        }
        var prices = new List<KeyValuePair<string, ModelPrice>>();
        if (document.Models is not { Count: > 0 })
        {
            errors.Add($"{display}: 'models' must price at least one model, e.g. {{\"gpt-4.1\": {{\"inputPerMillion\": 8.00, \"outputPerMillion\": 8.00}}}}.");
        }
        else
        {
            foreach (var (model, entry) in document.Models)
            {
                if (string.IsNullOrWhiteSpace(model) || model.Length > 200 || model.Any(char.IsControl))
                {
                    errors.Add($"{display}: 'models' has an empty or invalid model name.");
                    continue;
                }
                if (Price($"models.{model}", entry, display, errors) is { } price)
                {
                    prices.Add(new(model, price));
                }
            }
        }
        ModelPrice? fallback = null;
        var unpriced = document.Unpriced ?? "refuse";
        if (unpriced == "default")
        {
            fallback = document.Default is null
                ? Fail($"{display}: 'unpriced' is \"default\" but 'default' names no price; add \"default\": {{\"inputPerMillion\": ..., \"outputPerMillion\": ...}}.")
                : Price("default", document.Default, display, errors);
        }
        else if (unpriced != "refuse")
        {
            errors.Add($"{display}: 'unpriced' is \"{unpriced}\"; use \"refuse\" (403 for models without a price) or \"default\" (charge the 'default' price).");
        }
        else if (document.Default is not null)
        {
            errors.Add($"{display}: 'default' is set but 'unpriced' is \"refuse\", so it would never be used; set \"unpriced\": \"default\" or remove it.");
        }
        return errors.Count == before ? new PriceTable(prices, fallback) : PriceTable.Empty;

        ModelPrice? Fail(string message)
        {
            errors.Add(message);
            return null;
        }
    }

    private static ModelPrice? Price(string field, PriceDocument? entry, string display, List<string> errors)
    {
        if (entry is null)
        {
            errors.Add($"{display}: '{field}' must be an object with inputPerMillion and outputPerMillion (USD).");
            return null;
        }
        var input = Micros($"{field}.inputPerMillion", entry.InputPerMillion);
        var output = Micros($"{field}.outputPerMillion", entry.OutputPerMillion);
        return input is { } i && output is { } o ? new ModelPrice(i, o) : null;

        long? Micros(string name, decimal? usd)
        {
            if (usd is null)
            {
                errors.Add($"{display}: '{name}' is required (USD per 1M tokens, e.g. 0.42).");
                return null;
            }
            if (!Money.TryFromUsd(usd.Value, out var micros))
            {
                errors.Add($"{display}: '{name}' is {usd}; use a non-negative USD amount with at most 6 decimals.");
                return null;
            }
            return micros;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PricingDocument))]
internal sealed partial class PricingJsonContext : JsonSerializerContext;
