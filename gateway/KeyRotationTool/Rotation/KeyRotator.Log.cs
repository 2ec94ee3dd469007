using Microsoft.Extensions.Logging;

namespace AiGateway.KeyRotation.Rotation;

/// <summary>Log events of a rotation: key ids, versions and reasons only, never a key value.</summary>
internal sealed partial class KeyRotator
{
    private static partial class Log
    {
        [LoggerMessage(EventId = RotationEventIds.RotationStarted, Level = LogLevel.Information, EventName = "RotationStarted",
            Message = "Rotating {Service}: current version {Version}, key_id {OldKeyId}.")]
        public static partial void RotationStarted(ILogger logger, string service, int version, string oldKeyId);

        [LoggerMessage(EventId = RotationEventIds.SecretMissing, Level = LogLevel.Error, EventName = "RotationSecretMissing",
            Message = "Cannot rotate {Service}: there is no secret at creds/{Service}.")]
        public static partial void SecretMissing(ILogger logger, string service);

        [LoggerMessage(EventId = RotationEventIds.SecretReadFailed, Level = LogLevel.Error, EventName = "RotationSecretReadFailed",
            Message = "Cannot rotate {Service}: reading its secret failed ({Reason}).")]
        public static partial void SecretReadFailed(ILogger logger, string service, string reason);

        [LoggerMessage(EventId = RotationEventIds.ProviderKeyCreated, Level = LogLevel.Information, EventName = "RotationProviderKeyCreated",
            Message = "Created provider key {NewKeyId} for {Service}.")]
        public static partial void ProviderKeyCreated(ILogger logger, string service, string newKeyId);

        [LoggerMessage(EventId = RotationEventIds.ProviderKeyCreateFailed, Level = LogLevel.Error, EventName = "RotationProviderKeyCreateFailed",
            Message = "Cannot rotate {Service}: the provider did not create a key ({Reason}); nothing changed.")]
        public static partial void ProviderKeyCreateFailed(ILogger logger, string service, string reason);

        [LoggerMessage(EventId = RotationEventIds.SecretWritten, Level = LogLevel.Information, EventName = "RotationSecretWritten",
            Message = "Wrote key {NewKeyId} for {Service} as Vault version {Version}.")]
        public static partial void SecretWritten(ILogger logger, string service, int version, string newKeyId);

        [LoggerMessage(EventId = RotationEventIds.SecretWriteFailed, Level = LogLevel.Error, EventName = "RotationSecretWriteFailed",
            Message = "Vault did not take key {NewKeyId} for {Service} ({Reason}); rolling back.")]
        public static partial void SecretWriteFailed(ILogger logger, string service, string newKeyId, string reason);

        [LoggerMessage(EventId = RotationEventIds.WriteOutcomeUnknown, Level = LogLevel.Critical, EventName = "RotationWriteOutcomeUnknown",
            Message = "Writing key {NewKeyId} for {Service} failed ({Reason}) and Vault could not be read back; the key was kept live. Check creds/{Service} by hand.")]
        public static partial void WriteOutcomeUnknown(ILogger logger, string service, string newKeyId, string reason);

        [LoggerMessage(EventId = RotationEventIds.NewKeyRevoked, Level = LogLevel.Warning, EventName = "RotationRolledBack",
            Message = "Rolled back {Service}: revoked the unused new key {NewKeyId}; the old key stays in service.")]
        public static partial void NewKeyRevoked(ILogger logger, string service, string newKeyId);

        [LoggerMessage(EventId = RotationEventIds.RollbackFailed, Level = LogLevel.Critical, EventName = "RotationRollbackFailed",
            Message = "Could not revoke the unused new key {NewKeyId} of {Service} ({Reason}): it is live and stored nowhere. Revoke it by hand.")]
        public static partial void RollbackFailed(ILogger logger, string service, string newKeyId, string reason);

        [LoggerMessage(EventId = RotationEventIds.MetadataWriteFailed, Level = LogLevel.Error, EventName = "RotationMetadataWriteFailed",
            Message = "The new key of {Service} is in service but its custom metadata could not be updated ({Reason}).")]
        public static partial void MetadataWriteFailed(ILogger logger, string service, string reason);

        [LoggerMessage(EventId = RotationEventIds.AuditWritten, Level = LogLevel.Information, EventName = "RotationAuditWritten",
            Message = "Audit record {AuditPath} written for {Service} ({Outcome}).")]
        public static partial void AuditWritten(ILogger logger, string service, string auditPath, string outcome);

        [LoggerMessage(EventId = RotationEventIds.AuditWriteFailed, Level = LogLevel.Error, EventName = "RotationAuditWriteFailed",
            Message = "Audit record {AuditPath} for {Service} could not be written ({Reason}).")]
        public static partial void AuditWriteFailed(ILogger logger, string service, string auditPath, string reason);

        [LoggerMessage(EventId = RotationEventIds.GraceStarted, Level = LogLevel.Information, EventName = "RotationGraceStarted",
            Message = "Waiting {GraceSeconds} s before revoking the old key of {Service}.")]
        public static partial void GraceStarted(ILogger logger, string service, double graceSeconds);

        [LoggerMessage(EventId = RotationEventIds.GraceInterrupted, Level = LogLevel.Error, EventName = "RotationGraceInterrupted",
            Message = "Interrupted during the grace period of {Service}: old key {OldKeyId} is still live. Revoke it by hand.")]
        public static partial void GraceInterrupted(ILogger logger, string service, string oldKeyId);

        [LoggerMessage(EventId = RotationEventIds.OldKeyRevoked, Level = LogLevel.Information, EventName = "RotationOldKeyRevoked",
            Message = "Revoked old key {OldKeyId} of {Service}.")]
        public static partial void OldKeyRevoked(ILogger logger, string service, string oldKeyId);

        [LoggerMessage(EventId = RotationEventIds.OldKeyRevokeFailed, Level = LogLevel.Error, EventName = "RotationOldKeyRevokeFailed",
            Message = "Partial rotation of {Service}: the new key is in service but old key {OldKeyId} could not be revoked ({Reason}). Revoke it by hand.")]
        public static partial void OldKeyRevokeFailed(ILogger logger, string service, string oldKeyId, string reason);

        [LoggerMessage(EventId = RotationEventIds.NoOldKeyId, Level = LogLevel.Warning, EventName = "RotationNoOldKeyId",
            Message = "The previous secret of {Service} named no provider key_id: nothing to revoke.")]
        public static partial void NoOldKeyId(ILogger logger, string service);

        [LoggerMessage(EventId = RotationEventIds.RotationFinished, Level = LogLevel.Information, EventName = "RotationFinished",
            Message = "Rotation of {Service} finished: {Outcome} (old key {OldKeyId}, new key {NewKeyId}, Vault version {Version}).")]
        public static partial void RotationFinished(ILogger logger, string service, RotationOutcome outcome, string oldKeyId, string newKeyId, int version);
    }
}
