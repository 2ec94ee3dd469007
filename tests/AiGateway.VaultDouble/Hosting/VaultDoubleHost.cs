using Microsoft.AspNetCore.Builder;

namespace AiGateway.VaultDouble;

/// <summary>A built (not started) double: the web host and the state behind it.</summary>
/// <param name="App">The web application.</param>
/// <param name="State">Its stores, faults and logs.</param>
/// <param name="SeededRoles">AppRoles created from the seed file, with their credentials (standalone only).</param>
internal sealed record VaultDoubleHost(
    WebApplication App,
    VaultDoubleState State,
    IReadOnlyList<(string Role, string RoleId, string SecretId)> SeededRoles);
