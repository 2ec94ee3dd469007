namespace AiGateway.LoadTests;

/// <summary>
/// A named step that performs one request and reports how it went. The step must honour
/// <see cref="ScenarioContext.CancellationToken"/>: it fires when the run's grace period is over.
/// </summary>
public sealed class Scenario
{
    private Scenario(string name, Func<ScenarioContext, ValueTask<StepResult>> step)
    {
        Name = name;
        Step = step;
    }

    /// <summary>Name shown in reports.</summary>
    public string Name { get; }

    /// <summary>Performs one request.</summary>
    public Func<ScenarioContext, ValueTask<StepResult>> Step { get; }

    /// <summary>Creates a scenario.</summary>
    public static Scenario Create(string name, Func<ScenarioContext, ValueTask<StepResult>> step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(step);
        return new Scenario(name, step);
    }
}
