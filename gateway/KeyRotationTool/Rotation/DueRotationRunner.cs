using Microsoft.Extensions.Logging;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>
/// <c>rotate --due</c>: every service under <c>creds/</c> whose key reached its maximum age is rotated, one at a
/// time, so a failure stays with one service and the gateway never sees several keys change at once.
/// </summary>
internal sealed partial class DueRotationRunner
{
    private readonly KeyInventory _inventory;
    private readonly KeyRotator _rotator;
    private readonly ILogger _logger;

    public DueRotationRunner(KeyInventory inventory, KeyRotator rotator, ILogger<DueRotationRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(rotator);
        ArgumentNullException.ThrowIfNull(logger);
        _inventory = inventory;
        _rotator = rotator;
        _logger = logger;
    }

    public async Task<DueRotationReport> RunAsync(RotationRequest request, IProgress<RotationProgress>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> services;
        try
        {
            services = await _inventory.ListServicesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DueRotationReport([], $"could not list creds/: {ex.Message}");
        }

        var entries = new List<DueRotationEntry>(services.Count);
        foreach (var service in services)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                entries.Add(new DueRotationEntry(service, null, null, "not checked: cancelled"));
                continue;
            }
            entries.Add(await CheckAndRotateAsync(service, request, progress, cancellationToken).ConfigureAwait(false));
        }
        return new DueRotationReport(entries, null);
    }

    private async Task<DueRotationEntry> CheckAndRotateAsync(string service, RotationRequest request, IProgress<RotationProgress>? progress, CancellationToken cancellationToken)
    {
        KeyAge age;
        try
        {
            // The secret can vanish between LIST and READ; that is not an error for --due.
            if (await _inventory.ReadAsync(service, cancellationToken).ConfigureAwait(false) is not { } state)
            {
                return new DueRotationEntry(service, null, null, null);
            }
            age = state.Age;
        }
        catch (Exception ex)
        {
            // One unreadable secret (a policy gap, a hiccup) must not stop the others from rotating.
            return new DueRotationEntry(service, null, null, $"could not read creds/{service}: {(ex is OperationCanceledException ? "cancelled" : ex.Message)}");
        }
        Log.DueChecked(_logger, service, age.Age?.TotalDays ?? -1, age.MaxAgeDays, age.IsDue);
        if (!age.IsDue)
        {
            return new DueRotationEntry(service, age, null, null);
        }
        var result = await _rotator.RotateAsync(service, request, progress, cancellationToken).ConfigureAwait(false);
        return new DueRotationEntry(service, age, result, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = RotationEventIds.DueChecked, Level = LogLevel.Information, EventName = "RotationDueChecked",
            Message = "{Service}: key age {AgeDays:0.0} days of {MaxAgeDays}; due {Due}.")]
        public static partial void DueChecked(ILogger logger, string service, double ageDays, int maxAgeDays, bool due);
    }
}
