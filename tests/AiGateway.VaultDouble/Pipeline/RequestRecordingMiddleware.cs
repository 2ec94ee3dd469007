using System.Text;
using Microsoft.AspNetCore.Http;

namespace AiGateway.VaultDouble;

/// <summary>
/// Records every request before anything can refuse it (faults, seal, token, ACL), so a test sees what the client
/// sent even when the double answered with an error or dropped the connection.
/// </summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, VaultDoubleState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        context.Features.Set(new RequestBodyFeature(body));

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        state.Requests.Add(new VaultRequestRecord(
            request.Method,
            request.PathBase.Add(request.Path).Value ?? "",
            query,
            headers,
            Encoding.UTF8.GetString(body)));
        await next(context).ConfigureAwait(false);
    }
}
