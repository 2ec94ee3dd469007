using AiGateway.Storage;
using AiGateway.UnitTests.TestSupport;

namespace AiGateway.UnitTests.Storage;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Constructor_MissingFolder_CreatesIt()
    {
        var path = _folder.Combine("a", "b", "data");

        var directory = new DataDirectory(path);

        Assert.True(Directory.Exists(path));
        Assert.Equal(Path.GetFullPath(path), directory.FullPath);
        Assert.Equal(Path.Combine(Path.GetFullPath(path), "tokens.json"), directory.GetFilePath("tokens.json"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankPath_Throws(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => new DataDirectory(path));
    }
}
