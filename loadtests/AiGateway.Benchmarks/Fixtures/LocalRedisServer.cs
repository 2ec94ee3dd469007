using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AiGateway.Benchmarks.Fixtures;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port, without persistence (the approach of
/// tests/TestSupport/RedisServer.cs, copied because benchmarks do not reference test code).
/// </summary>
internal sealed class LocalRedisServer : IDisposable
{
    private readonly Process _process;

    private LocalRedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000";

    public static LocalRedisServer Start()
    {
        var port = FreePort();
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalRedisServer(process, port);
        for (var attempt = 0; !server.Ping(); attempt++)
        {
            if (attempt == 100 || process.HasExited)
            {
                server.Dispose();
                throw new InvalidOperationException($"redis-server on port {port} did not answer PING.");
            }
            Thread.Sleep(50);
        }
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            return stream.Read(buffer) >= 5 && buffer[0] == (byte)'+';
        }
        catch (SocketException)
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
