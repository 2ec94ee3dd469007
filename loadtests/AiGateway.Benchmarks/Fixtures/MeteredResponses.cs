using AiGateway.Metering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiGateway.Benchmarks.Fixtures;

/// <summary>A reusable 200 response with a null body, and one metered response written through it.</summary>
internal static class MeteredResponses
{
    public static DefaultHttpContext Context(string contentType)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        return context;
    }

    /// <summary>Install → WriteAsync per read (as YARP's copier does) → FinishAsync; returns the total tokens read.</summary>
    public static int Run(DefaultHttpContext context, byte[][] writes, bool strip)
    {
        var meter = ResponseUsageMeter.Install(context, strip);
        var body = context.Features.Get<IHttpResponseBodyFeature>()!.Stream;
        foreach (var write in writes)
        {
            Sync.Wait(body.WriteAsync(write));
        }
        return Sync.Wait(meter.FinishAsync()).Usage!.Value.TotalTokens;
    }
}
