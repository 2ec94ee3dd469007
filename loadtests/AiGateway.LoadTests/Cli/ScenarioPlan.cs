namespace AiGateway.LoadTests;

/// <summary>One scenario of a plan: what to send, under which load, against which targets.</summary>
/// <param name="Name">Scenario name in reports.</param>
/// <param name="Request">Request shape.</param>
/// <param name="Load">Phases, run one after another.</param>
/// <param name="WarmUp">Unrecorded warm-up before each target's measured run.</param>
/// <param name="Targets">Target names to run against, in order; null for all of the plan's targets.</param>
public sealed record ScenarioPlan(string Name, OpenAiScenarioOptions Request, IReadOnlyList<LoadSimulation> Load, TimeSpan WarmUp, IReadOnlyList<string>? Targets = null);
