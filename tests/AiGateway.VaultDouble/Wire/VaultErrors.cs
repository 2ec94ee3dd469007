namespace AiGateway.VaultDouble;

/// <summary>The error texts clients match on, in one place, with the go-multierror wrapping Vault applies.</summary>
internal static class VaultErrors
{
    public const string PermissionDenied = "permission denied";
    public const string InvalidToken = "invalid token";
    public const string Sealed = "Vault is sealed";
    public const string UnsupportedOperation = "unsupported operation";
    public const string InjectedFailure = "injected failure";

    /// <summary>
    /// Vault joins token-check failures with go-multierror, so a policy miss reads
    /// <c>1 error occurred:\n\t* permission denied\n\n</c> rather than the bare words.
    /// </summary>
    public static string MultiError(params string[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var points = string.Join("\n\t", errors.Select(static e => "* " + e));
        return errors.Length == 1
            ? $"1 error occurred:\n\t{points}\n\n"
            : $"{errors.Length} errors occurred:\n\t{points}\n\n";
    }
}
