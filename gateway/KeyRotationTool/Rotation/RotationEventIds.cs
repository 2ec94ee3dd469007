namespace AiGateway.KeyRotation.Rotation;

/// <summary>
/// Stable log event ids of the rotation tool; alerts key on them, so never renumber. The gateway's table
/// (<c>AiGateway.Telemetry.EventIds</c>) uses 1000–1499 and 9000; the tool owns 2000–2099.
/// </summary>
internal static class RotationEventIds
{
    public const int RotationStarted = 2000;
    public const int SecretMissing = 2001;
    public const int SecretReadFailed = 2002;
    public const int ProviderKeyCreated = 2003;
    public const int ProviderKeyCreateFailed = 2004;
    public const int SecretWritten = 2005;
    public const int SecretWriteFailed = 2006;
    public const int NewKeyRevoked = 2007;
    public const int RollbackFailed = 2008;
    public const int MetadataWriteFailed = 2009;
    public const int AuditWritten = 2010;
    public const int AuditWriteFailed = 2011;
    public const int GraceStarted = 2012;
    public const int GraceInterrupted = 2013;
    public const int OldKeyRevoked = 2014;
    public const int OldKeyRevokeFailed = 2015;
    public const int NoOldKeyId = 2016;
    public const int RotationFinished = 2017;
    public const int DueChecked = 2018;
    public const int GraceShorterThanRefresh = 2019;
    public const int WriteOutcomeUnknown = 2020;
}
