namespace AiGateway.Limits;

/// <summary>One request asking to be admitted: whose, under which limits, reserving how many tokens.</summary>
public readonly record struct AdmissionRequest(string Team, string TokenId, LimitSpec TeamLimits, LimitSpec TokenLimits, long Tokens);
