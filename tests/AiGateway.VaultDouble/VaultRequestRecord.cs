namespace AiGateway.VaultDouble;

/// <summary>
/// One request as the double received it, recorded before faults, the seal, authentication or ACLs are applied,
/// so tests can assert on exactly what a client put on the wire.
/// </summary>
/// <param name="Method">The HTTP method as sent (<c>GET</c>, <c>POST</c>, <c>LIST</c>, ...).</param>
/// <param name="Path">The request path as received, e.g. <c>/v1/holysheepai/data/creds/rag</c> (double slashes kept).</param>
/// <param name="Query">The query string without the leading <c>?</c> (e.g. <c>version=2</c>); empty when there was none.</param>
/// <param name="Headers">
/// Every request header; repeated values are joined with <c>", "</c>; lookups ignore case. Tokens are recorded in
/// clear text: this is a test double holding test tokens.
/// </param>
/// <param name="Body">The request body as UTF-8 text; empty when there was none.</param>
public sealed record VaultRequestRecord(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
