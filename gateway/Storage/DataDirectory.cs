namespace AiGateway.Storage;

/// <summary>
/// The folder where the embedded store keeps its files (tokens, admin credentials, generated
/// secrets). One instance per data folder: the embedded store is single-replica by design.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string GetFilePath(string fileName) => Path.Combine(FullPath, fileName);
}
