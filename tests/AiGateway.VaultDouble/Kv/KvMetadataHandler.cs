using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary><c>&lt;mount&gt;/metadata/&lt;key&gt;</c>: read, list, create/update, and delete a key with all its versions.</summary>
internal static class KvMetadataHandler
{
    public static VaultResponse Handle(KvMount mount, VaultRequest request, string key, VaultOperation operation) => operation switch
    {
        VaultOperation.List => List(mount, key),
        VaultOperation.Read => Read(mount, key),
        VaultOperation.Create or VaultOperation.Update => Write(mount, request, key),
        VaultOperation.Delete => Delete(mount, key),
        _ => VaultResponse.UnsupportedOperation(),
    };

    private static VaultResponse List(KvMount mount, string folder)
    {
        // Keys are not filtered by policy; an empty or missing folder is a plain 404 (A.3 "List").
        var keys = mount.List(folder);
        if (keys.Count == 0)
        {
            return VaultResponse.NotFound();
        }

        var data = new JsonObject { ["keys"] = new JsonArray([.. keys.Select(static k => (JsonNode?)JsonValue.Create(k))]) };
        return VaultResponse.Ok(VaultEnvelope.Create(data, null, null, VaultEnvelope.KvMountType));
    }

    private static VaultResponse Read(KvMount mount, string key)
    {
        if (key.Length == 0)
        {
            return VaultResponse.BadRequest("missing path");
        }

        return mount.ReadMetadata(key) is { } secret
            ? VaultResponse.Ok(VaultEnvelope.Create(KvJson.Metadata(secret), null, null, VaultEnvelope.KvMountType))
            : VaultResponse.NotFound();
    }

    private static VaultResponse Write(KvMount mount, VaultRequest request, string key)
    {
        if (key.Length == 0)
        {
            return VaultResponse.BadRequest("missing path");
        }

        var body = request.Body;
        if (!JsonFields.TryGetInt(body, "max_versions", out var maxVersions, out var error)
            || !JsonFields.TryGetBool(body, "cas_required", out var casRequired, out error)
            || !JsonFields.TryGetDuration(body, "delete_version_after", out var deleteAfter, out error)
            || !JsonFields.TryGetStringMap(body, "custom_metadata", out var customMetadata, out error))
        {
            return VaultResponse.BadRequest(error!);
        }

        if (maxVersions < 0)
        {
            return VaultResponse.BadRequest("max_versions can not be negative");
        }

        mount.WriteMetadata(key, new KvMetadataUpdate(maxVersions, casRequired, deleteAfter, customMetadata));
        return VaultResponse.NoContent();
    }

    private static VaultResponse Delete(KvMount mount, string key)
    {
        mount.DeleteMetadata(key);
        return VaultResponse.NoContent();
    }
}
