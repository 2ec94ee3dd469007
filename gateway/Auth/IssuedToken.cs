namespace AiGateway.Auth;

/// <summary>A newly issued token: the record, and the secret that is shown exactly once.</summary>
public sealed record IssuedToken(TokenRecord Record, string Secret)
{
    /// <summary>Never print the secret by accident.</summary>
    public override string ToString() => $"IssuedToken {{ Id = {Record.Id}, Team = {Record.Team} }}";
}
