namespace AiGateway.Telemetry;

/// <summary>
/// Label names and fixed values shared by the gateway's instruments. Labels only ever take values from bounded sets:
/// teams and models, never a token, a request id or anything else a caller can vary freely.
/// </summary>
public static class MetricLabels
{
    public const string Team = "team";
    public const string Model = "model";
    public const string Endpoint = "endpoint";
    public const string StatusCode = "status_code";
    public const string Reason = "reason";
    public const string Type = "type";
    public const string Operation = "operation";
    public const string Outcome = "outcome";

    /// <summary>Not known when the request ended (no caller yet, no model in the request).</summary>
    public const string Unknown = "unknown";

    /// <summary>A model outside the team's allowlist, or past <see cref="GatewayMetrics.MaxModelLabels"/> distinct models.</summary>
    public const string Other = "other";

    public const string Input = "input";
    public const string Output = "output";
    public const string Success = "success";
    public const string Failure = "failure";

    private static readonly string[] StatusCodes = CreateStatusCodes();

    /// <summary>The status code as a label value; cached for 100..599 so recording allocates nothing.</summary>
    public static string ForStatusCode(int statusCode) =>
        statusCode is >= 100 and <= 599
            ? StatusCodes[statusCode - 100]
            : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] CreateStatusCodes()
    {
        var codes = new string[500];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = (i + 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return codes;
    }
}
