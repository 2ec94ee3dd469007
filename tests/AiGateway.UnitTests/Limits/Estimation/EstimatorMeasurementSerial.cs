namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>
/// The estimator measurement's test collection: it runs alone, after the parallel tests, so that other tests do not
/// share the cores while it times.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EstimatorMeasurementSerial
{
    public const string Name = "Estimator measurement";
}
