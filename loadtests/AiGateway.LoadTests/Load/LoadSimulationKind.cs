namespace AiGateway.LoadTests;

/// <summary>The four load shapes, named as in NBomber.</summary>
public enum LoadSimulationKind
{
    /// <summary>Open model: a constant arrival rate, independent of how fast responses come back.</summary>
    Inject,

    /// <summary>Open model: the arrival rate changes linearly from one rate to another.</summary>
    RampingInject,

    /// <summary>Closed model: a fixed number of copies, each looping request → response.</summary>
    KeepConstant,

    /// <summary>Closed model: the number of copies changes linearly from one count to another.</summary>
    RampingConstant,
}
