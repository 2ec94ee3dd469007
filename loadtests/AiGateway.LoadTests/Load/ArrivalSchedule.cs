namespace AiGateway.LoadTests;

/// <summary>
/// The intended send times of one open-model phase. With the rate moving linearly from r0 to r1 over T seconds,
/// the expected number of arrivals by time t is N(t) = r0·t + (r1 − r0)·t²/(2T); request i is intended at the
/// t where N(t) = i, so request 0 goes at t = 0 and a constant rate r gives t = i/r.
/// </summary>
internal readonly struct ArrivalSchedule
{
    private readonly double _a;
    private readonly double _b;
    private readonly double _duration;

    public ArrivalSchedule(double fromRate, double toRate, double durationSeconds)
    {
        _duration = durationSeconds;
        _a = (toRate - fromRate) / (2 * durationSeconds);
        _b = fromRate;

        // Requests whose intended time falls inside [0, T); the epsilon absorbs floating-point noise at exact ends.
        var expected = ArrivalsBy(durationSeconds);
        Total = expected <= 0 ? 0 : (long)Math.Ceiling(expected - 1e-9);
    }

    /// <summary>Requests this phase sends in total.</summary>
    public long Total { get; }

    /// <summary>Seconds after the phase start at which request <paramref name="index"/> is intended.</summary>
    public double IntendedOffset(long index)
    {
        if (index <= 0)
        {
            return 0;
        }

        // Solves a·t² + b·t = i in the form that stays exact when a = 0 and avoids cancellation when a is small.
        var discriminant = Math.Max(0, (_b * _b) + (4 * _a * index));
        var denominator = _b + Math.Sqrt(discriminant);
        return denominator <= 0 ? _duration : Math.Min(_duration, 2 * index / denominator);
    }

    /// <summary>How many requests are due (intended at or before) <paramref name="elapsedSeconds"/> into the phase.</summary>
    public long DueBy(double elapsedSeconds)
    {
        if (elapsedSeconds < 0 || Total == 0)
        {
            return 0;
        }

        var due = (long)Math.Floor(ArrivalsBy(Math.Min(elapsedSeconds, _duration)) + 1e-9) + 1;
        return Math.Min(Total, due);
    }

    private double ArrivalsBy(double t) => (_a * t * t) + (_b * t);
}
