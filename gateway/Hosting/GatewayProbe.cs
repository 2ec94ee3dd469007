namespace AiGateway.Hosting;

/// <summary>
/// <c>AiGateway --probe &lt;url&gt;</c>: one GET, exit code 0 on a 2xx answer, 1 otherwise. It lets a container
/// health check run without a shell or curl in the image (the chiseled runtime has neither).
/// </summary>
public static class GatewayProbe
{
    public const string Argument = "--probe";

    /// <summary>Probes <paramref name="url"/> within <paramref name="timeout"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string url, TextWriter error, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"probe: '{url}' is not an absolute http(s) URL.").ConfigureAwait(false);
            return 1;
        }
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }
            await error.WriteLineAsync($"probe: {uri} answered {(int)response.StatusCode}.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"probe: {uri} did not answer ({ex.GetType().Name}).").ConfigureAwait(false);
            return 1;
        }
    }
}
