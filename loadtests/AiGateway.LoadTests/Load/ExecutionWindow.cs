namespace AiGateway.LoadTests;

/// <summary>When one execution started, stopped issuing load and finished draining (clock timestamps).</summary>
/// <param name="Start">The measured window starts here.</param>
/// <param name="LoadEnd">The driver stopped issuing requests.</param>
/// <param name="End">The last request finished, or the grace period gave up on it.</param>
/// <param name="Abandoned">Requests still in flight when the run gave up on them; reported as timeouts.</param>
/// <param name="PeakInFlight">Most requests in flight at once.</param>
internal readonly record struct ExecutionWindow(long Start, long LoadEnd, long End, long Abandoned, int PeakInFlight);
