namespace AiGateway.Limits;

/// <summary>
/// Tokens reserved for an admitted request, in the one-second bucket it was admitted in; corrected to the
/// real usage afterwards. <see cref="Local"/> marks a reservation made by the local fallback store.
/// </summary>
public readonly record struct Reservation(string Team, string TokenId, bool TokenLimited, long Second, long Tokens, bool Local);
