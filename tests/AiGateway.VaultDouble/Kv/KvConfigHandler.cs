namespace AiGateway.VaultDouble;

/// <summary><c>&lt;mount&gt;/config</c>: the mount-wide <c>max_versions</c>, <c>cas_required</c> and <c>delete_version_after</c>.</summary>
internal static class KvConfigHandler
{
    public static VaultResponse Handle(KvMount mount, VaultRequest request, VaultOperation operation)
    {
        switch (operation)
        {
            case VaultOperation.Read:
                return VaultResponse.Ok(VaultEnvelope.Create(KvJson.Config(mount.Config), null, null, VaultEnvelope.KvMountType));
            case VaultOperation.Create or VaultOperation.Update:
                var body = request.Body;
                if (!JsonFields.TryGetInt(body, "max_versions", out var maxVersions, out var error)
                    || !JsonFields.TryGetBool(body, "cas_required", out var casRequired, out error)
                    || !JsonFields.TryGetDuration(body, "delete_version_after", out var deleteAfter, out error))
                {
                    return VaultResponse.BadRequest(error!);
                }

                var current = mount.Config;
                mount.Config = new KvMountConfig(
                    maxVersions ?? current.MaxVersions,
                    casRequired ?? current.CasRequired,
                    deleteAfter ?? current.DeleteVersionAfter);
                return VaultResponse.NoContent();
            default:
                return VaultResponse.UnsupportedOperation();
        }
    }
}
