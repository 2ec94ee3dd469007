namespace AiGateway.VaultDouble;

/// <summary>
/// <c>&lt;mount&gt;/delete|undelete|destroy/&lt;key&gt;</c> with <c>{"versions":[...]}</c>: soft-delete, restore or
/// permanently destroy specific versions. Writes only; all answer 204.
/// </summary>
internal static class KvVersionsHandler
{
    public static VaultResponse Handle(KvMount mount, VaultRequest request, string action, string key, VaultOperation operation)
    {
        if (operation is not (VaultOperation.Create or VaultOperation.Update))
        {
            return VaultResponse.UnsupportedOperation();
        }

        if (key.Length == 0)
        {
            return VaultResponse.BadRequest("missing path");
        }

        if (!JsonFields.TryGetIntList(request.Body, "versions", out var versions, out var error))
        {
            return VaultResponse.BadRequest(error!);
        }

        if (versions.Count == 0)
        {
            return VaultResponse.BadRequest("no version number provided");
        }

        switch (action)
        {
            case "delete":
                mount.DeleteVersions(key, versions);
                break;
            case "undelete":
                mount.UndeleteVersions(key, versions);
                break;
            default:
                mount.DestroyVersions(key, versions);
                break;
        }

        return VaultResponse.NoContent();
    }
}
