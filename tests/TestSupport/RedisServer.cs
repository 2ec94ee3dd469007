using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiGateway.TestSupport;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, started for a test (no persistence). Can be stopped
/// and started again on the same port, for fault tests. <c>./test.sh</c> installs redis-server.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private readonly string? _dataDirectory;

    private RedisServer(int port, string? dataDirectory)
    {
        Port = port;
        _dataDirectory = dataDirectory;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,syncTimeout=5000,asyncTimeout=5000,connectRetry=1";

    /// <param name="persistent">
    /// Keep data across a kill and restart, as a production Redis with an append-only file does
    /// (<c>appendfsync always</c>, so nothing acknowledged is lost).
    /// </param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        string? directory = null;
        if (persistent)
        {
            directory = Path.Combine(Path.GetTempPath(), "aigw-redis-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
        }
        var server = new RedisServer(FreePort(), directory);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var persistence = _dataDirectory is null
            ? new[] { "--appendonly", "no" }
            : new[] { "--appendonly", "yes", "--appendfsync", "always", "--dir", _dataDirectory };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--protected-mode", "yes", "--loglevel", "notice" }.Concat(persistence))
        {
            info.ArgumentList.Add(argument);
        }
        // Readiness is an event: redis-server logs "Ready to accept connections" once it listens.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            output.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"redis-server exited on port {Port}: {string.Join(" | ", output)}"));
        if (!_process.Start())
        {
            throw new InvalidOperationException("redis-server did not start; run ./test.sh, which installs it.");
        }
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // Ready is logged as it starts listening; on a loaded machine the first PING may still be slow.
            for (var attempt = 0; !await PingAsync(); attempt++)
            {
                if (attempt == 20)
                {
                    throw new InvalidOperationException($"redis-server on port {Port} said it was ready but did not answer PING.");
                }
            }
        }
        catch
        {
            await KillAsync(); // never leave an orphan server behind a failed start
            throw;
        }
    }

    /// <summary>Kills the server abruptly (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return read >= 5 && buffer[0] == (byte)'+';
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
