using System.Globalization;

namespace AiGateway.LoadTests;

/// <summary>
/// One phase of load. Open-model phases (<see cref="Inject"/>, <see cref="RampingInject"/>) send at intended
/// times whatever the responses do; closed-model phases (<see cref="KeepConstant"/>, <see cref="RampingConstant"/>)
/// run copies that each wait for their response before sending again. Phases of a run execute one after another.
/// </summary>
public sealed class LoadSimulation
{
    private LoadSimulation(LoadSimulationKind kind, double from, double to, TimeSpan during)
    {
        if (!double.IsFinite(from) || !double.IsFinite(to) || from < 0 || to < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"{kind}: rates and copy counts must be finite and >= 0 (got {from} -> {to}).");
        }

        if (during <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(during), $"{kind}: the duration must be positive (got {during}).");
        }

        Kind = kind;
        From = from;
        To = to;
        During = during;
    }

    /// <summary>The load shape.</summary>
    public LoadSimulationKind Kind { get; }

    /// <summary>Starting rate (requests/s) or copy count.</summary>
    public double From { get; }

    /// <summary>Ending rate (requests/s) or copy count; equal to <see cref="From"/> for constant phases.</summary>
    public double To { get; }

    /// <summary>How long the phase lasts.</summary>
    public TimeSpan During { get; }

    /// <summary>True for the open model (arrival rate), false for the closed model (copies).</summary>
    public bool IsOpenModel => Kind is LoadSimulationKind.Inject or LoadSimulationKind.RampingInject;

    /// <summary>Open model: <paramref name="rate"/> requests per second for <paramref name="during"/>.</summary>
    public static LoadSimulation Inject(double rate, TimeSpan during) => new(LoadSimulationKind.Inject, rate, rate, during);

    /// <summary>Open model: the rate moves linearly from <paramref name="fromRate"/> to <paramref name="toRate"/> requests/s.</summary>
    public static LoadSimulation RampingInject(double fromRate, double toRate, TimeSpan during) =>
        new(LoadSimulationKind.RampingInject, fromRate, toRate, during);

    /// <summary>Closed model: <paramref name="copies"/> concurrent request loops for <paramref name="during"/>.</summary>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new(LoadSimulationKind.KeepConstant, copies, copies, during);

    /// <summary>Closed model: the number of copies moves linearly from <paramref name="fromCopies"/> to <paramref name="toCopies"/>.</summary>
    public static LoadSimulation RampingConstant(int fromCopies, int toCopies, TimeSpan during) =>
        new(LoadSimulationKind.RampingConstant, fromCopies, toCopies, during);

    /// <summary>Closed model: the copy count <paramref name="elapsed"/> into the phase.</summary>
    internal int CopiesAt(TimeSpan elapsed)
    {
        var fraction = Math.Clamp(elapsed / During, 0, 1);
        return (int)Math.Round(From + ((To - From) * fraction));
    }

    /// <summary>The same phase cut to its first <paramref name="limit"/> (used for the warm-up).</summary>
    internal LoadSimulation Truncate(TimeSpan limit)
    {
        if (limit >= During)
        {
            return this;
        }

        var to = From + ((To - From) * (limit / During));
        return new LoadSimulation(Kind, From, to, limit);
    }

    /// <summary>A short description in the CLI's own syntax, e.g. <c>inject:1000/s:30s</c>.</summary>
    public override string ToString()
    {
        var during = FormatDuration(During);
        return Kind switch
        {
            LoadSimulationKind.Inject => $"inject:{Format(From)}/s:{during}",
            LoadSimulationKind.RampingInject => $"ramp-inject:{Format(From)}->{Format(To)}/s:{during}",
            LoadSimulationKind.KeepConstant => $"constant:{Format(From)}:{during}",
            _ => $"ramp-constant:{Format(From)}->{Format(To)}:{during}",
        };
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan value) =>
        value.TotalMilliseconds % 1000 == 0
            ? Format(value.TotalSeconds) + "s"
            : Format(value.TotalMilliseconds) + "ms";
}
