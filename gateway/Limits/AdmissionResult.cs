namespace AiGateway.Limits;

/// <summary>Outcome of admission: admitted with a reservation, or refused on a dimension with a retry delay.</summary>
public readonly record struct AdmissionResult(bool Admitted, LimitDimension Rejected, long RetryAfterMs, RateLimitState State, Reservation Reservation, bool StoreUnavailable = false)
{
    /// <summary>The limit store could not be asked and the configuration says to refuse (fail-closed).</summary>
    public static AdmissionResult Unavailable { get; } = new(false, LimitDimension.None, 1000, default, default, StoreUnavailable: true);
}
