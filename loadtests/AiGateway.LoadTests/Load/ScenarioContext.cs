namespace AiGateway.LoadTests;

/// <summary>What a step knows about the request it performs. A struct, so a request costs no allocation for it.</summary>
/// <param name="RequestNumber">Sequence number of the request within the run, from 0.</param>
/// <param name="CopyId">Closed model: the copy (worker) running the request; -1 in the open model.</param>
/// <param name="Clock">The run's clock; steps timestamp the first streamed token with it.</param>
/// <param name="CancellationToken">Fires when the run gives up on in-flight requests.</param>
public readonly record struct ScenarioContext(long RequestNumber, int CopyId, TimeProvider Clock, CancellationToken CancellationToken);
