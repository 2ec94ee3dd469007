using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiGateway.DeployTests.Support;

/// <summary>
/// Drives deploy/local/stack.sh on free loopback ports in a private state folder, and reads what it left there
/// (stack.env, stack.pids, caller-token). Runs the dlls this test project's build produced (<c>--no-build</c>).
/// </summary>
internal sealed class LocalStack : IDisposable
{
    private const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private readonly Dictionary<string, string> _environment;

    public LocalStack()
    {
        Dir = Path.Combine(Path.GetTempPath(), "aigw-stack-test-" + Guid.NewGuid().ToString("N")[..12]);
        var ports = FreePorts(5);
        (RedisPort, SimulatorPort, ProxyPort, AdminPort, PrometheusPort) = (ports[0], ports[1], ports[2], ports[3], ports[4]);
        _environment = new(StringComparer.Ordinal)
        {
            ["AIGW_STACK_DIR"] = Dir,
            ["AIGW_REDIS_PORT"] = Port(RedisPort),
            ["AIGW_SIM_PORT"] = Port(SimulatorPort),
            ["AIGW_PROXY_PORT"] = Port(ProxyPort),
            ["AIGW_ADMIN_PORT"] = Port(AdminPort),
            ["AIGW_PROMETHEUS_PORT"] = Port(PrometheusPort),
            ["AIGW_SCRAPE_INTERVAL"] = "1s",
            ["AIGW_CONFIGURATION"] = Configuration,
        };
    }

    public string Dir { get; }

    public int RedisPort { get; }

    public int SimulatorPort { get; }

    public int ProxyPort { get; }

    public int AdminPort { get; }

    public int PrometheusPort { get; }

    public bool Stopped { get; private set; }

    public IEnumerable<int> Ports => [RedisPort, SimulatorPort, ProxyPort, AdminPort, PrometheusPort];

    public ToolResult Up() => Run("up", "--no-build");

    public ToolResult Down()
    {
        Stopped = true;
        return Run("down");
    }

    /// <summary>(name, pid) of every process the stack started, from its stack.pids.</summary>
    public IReadOnlyList<(string Name, int Pid)> Processes() =>
        File.ReadAllLines(Path.Combine(Dir, "stack.pids"))
            .Select(l => l.Split(' '))
            .Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    public string CallerToken => File.ReadAllText(Path.Combine(Dir, "caller-token")).Trim();

    /// <summary>True while the process exists and is not a zombie (an exited child nobody reaped yet).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Sends one command to Redis (RESP) and returns the reply's first line.</summary>
    public async Task<string> RedisAsync(params string[] command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, RedisPort);
        var request = new StringBuilder($"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync() ?? string.Empty;
    }

    public void Dispose()
    {
        if (!Stopped && File.Exists(Path.Combine(Dir, "stack.pids")))
        {
            Down();
        }

        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    private ToolResult Run(params string[] args) =>
        ExternalTool.Run("bash", [Path.Combine(RepoPaths.Root, "deploy", "local", "stack.sh"), .. args], TimeSpan.FromMinutes(3),
            "bash is required.", _environment);

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Ports the OS hands out now, all held at once so they differ, then released for the stack.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
