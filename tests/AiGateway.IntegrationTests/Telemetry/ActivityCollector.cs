using System.Collections.Concurrent;
using System.Diagnostics;

namespace AiGateway.IntegrationTests.Telemetry;

/// <summary>
/// Listens to every ActivitySource in the process (the gateway's, ASP.NET Core's, HttpClient's) and keeps what stopped.
/// Other tests run alongside, so callers pick their own spans by a tag they know (the request id).
/// </summary>
internal sealed class ActivityCollector : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<Activity> Stopped => _stopped;

    /// <summary>The gateway span of the request with this id.</summary>
    public Activity GatewaySpan(string requestId) => Assert.Single(_stopped,
        a => a.Source.Name == AiGateway.Telemetry.GatewayActivity.SourceName && (a.GetTagItem("aigw.request_id") as string) == requestId);

    public void Dispose() => _listener.Dispose();
}
