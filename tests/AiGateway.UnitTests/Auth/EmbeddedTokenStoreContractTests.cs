using AiGateway.Auth;
using AiGateway.Storage;
using AiGateway.UnitTests.TestSupport;

namespace AiGateway.UnitTests.Auth;

/// <summary>The token store contract against the embedded store, in a fresh temporary data folder per test.</summary>
public sealed class EmbeddedTokenStoreContractTests : TokenStoreContractTests
{
    private readonly TempDirectory _folder = new();

    protected override ITokenStore CreateStore() => new EmbeddedTokenStore(new DataDirectory(_folder.Path));

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }
}
