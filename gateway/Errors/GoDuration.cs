using System.Globalization;

namespace AiGateway.Errors;

/// <summary>Go-style durations as OpenAI writes them in headers and messages: <c>547ms</c>, <c>1s</c>, <c>33.023s</c>, <c>1m0s</c>.</summary>
public static class GoDuration
{
    public static string Format(long milliseconds)
    {
        if (milliseconds <= 0)
        {
            return "0s";
        }
        if (milliseconds < 1000)
        {
            return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }
        var minutes = milliseconds / 60_000;
        var seconds = (milliseconds % 60_000) / 1000m;
        var secondsText = seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return minutes > 0 ? minutes.ToString(CultureInfo.InvariantCulture) + "m" + secondsText : secondsText;
    }
}
