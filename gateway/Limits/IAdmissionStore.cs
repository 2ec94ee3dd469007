namespace AiGateway.Limits;

/// <summary>
/// Checks and reserves TPM/RPM for a team and one of its tokens in one atomic step, and later corrects a
/// reservation to the real usage. Over any 60-second window the admitted tokens never exceed a limit by
/// more than the estimation error of requests still in flight.
/// </summary>
public interface IAdmissionStore
{
    ValueTask<AdmissionResult> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken);

    /// <summary>Replaces the reserved estimate with <paramref name="actualTokens"/> (no-op once the bucket left the window).</summary>
    ValueTask ReconcileAsync(Reservation reservation, long actualTokens, CancellationToken cancellationToken);
}
