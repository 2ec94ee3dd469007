using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary>
/// Reads request-body fields the lenient way Vault's field parser does (mapstructure "weak" decoding: a number
/// where a string is expected is accepted, and so on). Each method returns false with Vault-style error text.
/// </summary>
internal static class JsonFields
{
    /// <summary>A string field; numbers and booleans are converted. Missing or JSON null → null.</summary>
    public static string? GetString(JsonObject? body, string name)
    {
        if (body?[name] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
    }

    /// <summary>An integer field (number or numeric string). Missing or null → <paramref name="value"/> null, true.</summary>
    public static bool TryGetInt(JsonObject? body, string name, out int? value, out string? error)
    {
        value = null;
        error = null;
        var node = body?[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && TryInt(v, out var number))
        {
            value = number;
            return true;
        }

        error = $"error converting input {node.ToJsonString()} for field \"{name}\": expected an integer";
        return false;
    }

    /// <summary>A boolean field (bool or "true"/"false"). Missing or null → null, true.</summary>
    public static bool TryGetBool(JsonObject? body, string name, out bool? value, out string? error)
    {
        value = null;
        error = null;
        var node = body?[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True:
                    value = true;
                    return true;
                case JsonValueKind.False:
                    value = false;
                    return true;
                case JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var parsed):
                    value = parsed;
                    return true;
            }
        }

        error = $"error converting input {node.ToJsonString()} for field \"{name}\": expected a boolean";
        return false;
    }

    /// <summary>A duration field: Go duration string or a number of seconds. Missing or null → null, true.</summary>
    public static bool TryGetDuration(JsonObject? body, string name, out TimeSpan? value, out string? error)
    {
        value = null;
        error = null;
        var node = body?[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v)
        {
            if (TryInt(v, out var seconds) && v.GetValueKind() == JsonValueKind.Number)
            {
                value = TimeSpan.FromSeconds(seconds);
                return true;
            }

            if (v.GetValueKind() == JsonValueKind.String && GoDuration.TryParse(v.GetValue<string>(), out var parsed))
            {
                value = parsed;
                return true;
            }
        }

        error = $"error converting input {node.ToJsonString()} for field \"{name}\": invalid duration";
        return false;
    }

    /// <summary>
    /// A list of integers: a JSON array of numbers or numeric strings, or one comma-separated string, as Vault's
    /// <c>TypeCommaIntSlice</c> accepts. Missing or null → empty list, true.
    /// </summary>
    public static bool TryGetIntList(JsonObject? body, string name, out List<int> values, out string? error)
    {
        values = [];
        error = null;
        var node = body?[name];
        if (node is null)
        {
            return true;
        }

        IEnumerable<JsonNode?> items = node switch
        {
            JsonArray array => array,
            JsonValue v when v.GetValueKind() == JsonValueKind.String =>
                v.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(static s => (JsonNode?)JsonValue.Create(s)),
            JsonValue v => [v],
            _ => [node],
        };
        foreach (var item in items)
        {
            if (item is not JsonValue value || !TryInt(value, out var number))
            {
                error = $"error converting input {node.ToJsonString()} for field \"{name}\": expected a list of integers";
                return false;
            }

            values.Add(number);
        }

        return true;
    }

    /// <summary>
    /// A string→string map. Missing or null → null, true. Any non-string value is refused: Vault's
    /// <c>custom_metadata</c> is a map of strings.
    /// </summary>
    public static bool TryGetStringMap(JsonObject? body, string name, out Dictionary<string, string>? values, out string? error)
    {
        values = null;
        error = null;
        var node = body?[name];
        if (node is null)
        {
            return true;
        }

        if (node is not JsonObject map)
        {
            error = $"error converting input {node.ToJsonString()} for field \"{name}\": expected a map of strings";
            return false;
        }

        values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                error = $"error converting input for field \"{name}\": value of key \"{key}\" is not a string";
                return false;
            }

            values[key] = v.GetValue<string>();
        }

        return true;
    }

    private static bool TryInt(JsonValue value, out int number)
    {
        number = 0;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out number),
            JsonValueKind.String => int.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }
}
