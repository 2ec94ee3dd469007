namespace AiGateway.Spend;

/// <summary>Price of a model in micro-dollars per one million input and output tokens.</summary>
public readonly record struct ModelPrice(long InputMicrosPerMillion, long OutputMicrosPerMillion);
