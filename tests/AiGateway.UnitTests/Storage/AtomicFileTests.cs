using System.Text;
using AiGateway.Storage;
using AiGateway.UnitTests.TestSupport;

namespace AiGateway.UnitTests.Storage;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadOrCreateSecret_FirstCall_CreatesThenReturnsSameValue()
    {
        var path = _folder.Combine("token-hash.key");
        var calls = 0;
        string Create()
        {
            calls++;
            return "secret-" + calls;
        }

        var first = AtomicFile.ReadOrCreateSecret(path, Create);
        var second = AtomicFile.ReadOrCreateSecret(path, Create);

        Assert.Equal("secret-1", first);
        Assert.Equal(first, second);
        Assert.Equal(1, calls);
        Assert.Equal("secret-1\n", File.ReadAllText(path));
    }

    [Fact]
    public void ReadOrCreateSecret_ExistingFileWithWhitespace_ReturnsTrimmedWithoutCreating()
    {
        var path = _folder.WriteFile("key", "  existing-secret \r\n");

        var value = AtomicFile.ReadOrCreateSecret(path, () => throw new InvalidOperationException("must not create"));

        Assert.Equal("existing-secret", value);
    }

    [Fact]
    public void ReadOrCreateSecret_Created_FileIsOwnerReadWriteOnlyOnUnix()
    {
        var path = _folder.Combine("secret.key");

        AtomicFile.ReadOrCreateSecret(path, () => "s3cr3t");

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void ReadOrCreateSecret_NullFactory_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => AtomicFile.ReadOrCreateSecret(_folder.Combine("x"), null!));
    }

    [Fact]
    public async Task WriteAllBytesAsync_ExistingFile_ReplacedAndNoTemporaryLeft()
    {
        var path = _folder.WriteFile("data.json", "old content that is longer than the new one");

        await AtomicFile.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("new"), ownerOnly: false, CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task WriteAllBytesAsync_OwnerOnly_ReplacesWorldReadableFileWithOwnerOnlyOnUnix()
    {
        var path = _folder.WriteFile("tokens.json", "[]");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await AtomicFile.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes("[1]"), ownerOnly: true, CancellationToken.None);

        Assert.Equal("[1]", await File.ReadAllTextAsync(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
