namespace AiGateway.Policies;

/// <summary>Where policy files live (section <c>Policies</c>).</summary>
public sealed class PoliciesOptions
{
    public const string SectionName = "Policies";

    /// <summary>
    /// Folder holding <c>teams/*.json</c>. Default: the nearest <c>policies/</c> folder found from the
    /// content root upwards (so <c>dotnet run</c> from a clone works), else the application folder's.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Watch the folder and apply changes without a restart. Default true.</summary>
    public bool ReloadOnChange { get; set; } = true;
}
