using System.Globalization;
using System.Text.Json.Nodes;

namespace AiGateway.VaultDouble;

/// <summary><c>&lt;mount&gt;/data/&lt;key&gt;</c>: read a version, write a version (with check-and-set), soft-delete the latest.</summary>
internal static class KvDataHandler
{
    public static VaultResponse Handle(KvMount mount, VaultRequest request, string key, VaultOperation operation)
    {
        if (operation is not (VaultOperation.Read or VaultOperation.Create or VaultOperation.Update or VaultOperation.Delete))
        {
            return VaultResponse.UnsupportedOperation();
        }

        if (key.Length == 0)
        {
            return VaultResponse.BadRequest("missing path");
        }

        if (key.EndsWith('/'))
        {
            return KvV2Backend.InvalidPath(operation); // the data/ pattern forbids a trailing slash, so the catch-all answers
        }

        return operation switch
        {
            VaultOperation.Read => Read(mount, request, key),
            VaultOperation.Delete => Delete(mount, key),
            _ => Write(mount, request, key),
        };
    }

    private static VaultResponse Read(KvMount mount, VaultRequest request, string key)
    {
        var version = 0;
        if (request.Query.TryGetValue("version", out var raw) && raw.Length > 0
            && !int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out version))
        {
            return VaultResponse.BadRequest($"error converting input {raw} for field \"version\": expected an integer");
        }

        var result = mount.Read(key, version);
        switch (result.Status)
        {
            case KvReadStatus.NotFound:
                return VaultResponse.NotFound();
            case KvReadStatus.Hidden:
                // Written raw by the plugin (RespondWithStatusCode): 404 with the envelope and data.data null (A.3 case 2).
                var hidden = new JsonObject { ["data"] = null, ["metadata"] = KvJson.VersionMetadata(result.Entry!, result.Version, result.CustomMetadata) };
                return VaultResponse.WithStatus(404, VaultEnvelope.Create(hidden, null, null, ""));
            default:
                var data = new JsonObject
                {
                    ["data"] = JsonNode.Parse(result.Entry!.DataJson!),
                    ["metadata"] = KvJson.VersionMetadata(result.Entry, result.Version, result.CustomMetadata),
                };
                return VaultResponse.Ok(VaultEnvelope.Create(data, null, null, VaultEnvelope.KvMountType));
        }
    }

    private static VaultResponse Write(KvMount mount, VaultRequest request, string key)
    {
        if (request.Body?["data"] is not JsonObject data)
        {
            return VaultResponse.BadRequest("no data provided");
        }

        var options = request.Body["options"] as JsonObject;
        if (!JsonFields.TryGetInt(options, "cas", out var cas, out var error))
        {
            return VaultResponse.BadRequest(error!);
        }

        var result = mount.Write(key, data.ToJsonString(), cas);
        if (result.Error is not null)
        {
            return VaultResponse.BadRequest(result.Error);
        }

        // The write response carries the version metadata directly in data, with no nested data.data (A.3).
        var metadata = KvJson.VersionMetadata(result.Entry!, result.Version, result.CustomMetadata);
        return VaultResponse.Ok(VaultEnvelope.Create(metadata, null, null, VaultEnvelope.KvMountType));
    }

    private static VaultResponse Delete(KvMount mount, string key)
    {
        mount.DeleteLatest(key);
        return VaultResponse.NoContent();
    }
}
