using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace AiGateway.Policies;

/// <summary>
/// Loads the policy folder at start (a bad first load stops the gateway, naming every error), then
/// watches it: a change is applied after a short quiet period, and a bad change is refused and logged
/// while the last good snapshot keeps serving.
/// </summary>
internal sealed partial class FilePolicyProvider : IPolicyProvider, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<FilePolicyProvider> _logger;
    private readonly Lock _reloadLock = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly FileSystemWatcher? _pricingWatcher;
    private readonly ITimer? _debounceTimer;
    private CancellationTokenSource _reloadSignal = new();
    private volatile PolicySnapshot _current;

    public FilePolicyProvider(string path, bool watch, TimeProvider time, ILogger<FilePolicyProvider> logger)
    {
        _path = path;
        _time = time;
        _logger = logger;
        _current = PolicyLoader.Load(path, version: 1, time.GetUtcNow());
        Log.PoliciesLoaded(_logger, _current.Teams.Count, _current.Version, path);

        if (watch)
        {
            _debounceTimer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(Path.Combine(path, PolicyLoader.TeamsFolder), "*.json")
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Deleted += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.EnableRaisingEvents = true;
            _pricingWatcher = new FileSystemWatcher(path, Spend.Pricing.PricingLoader.FileName)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _pricingWatcher.Changed += OnFileEvent;
            _pricingWatcher.Created += OnFileEvent;
            _pricingWatcher.Deleted += OnFileEvent;
            _pricingWatcher.Renamed += OnFileEvent;
            _pricingWatcher.EnableRaisingEvents = true;
        }
    }

    public PolicySnapshot Current => _current;

    public string FolderPath => _path;

    public IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref _reloadSignal).Token);

    public PolicyReloadResult Reload()
    {
        PolicyReloadResult result;
        lock (_reloadLock)
        {
            try
            {
                _current = PolicyLoader.Load(_path, _current.Version + 1, _time.GetUtcNow());
                Log.PoliciesLoaded(_logger, _current.Teams.Count, _current.Version, _path);
                result = new PolicyReloadResult(_current, []);
            }
            catch (PolicyValidationException ex)
            {
                Log.PolicyReloadRejected(_logger, _current.Version, ex.Message);
                result = new PolicyReloadResult(_current, ex.Errors);
            }
        }
        var previous = Interlocked.Exchange(ref _reloadSignal, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
        return result;
    }

    // Editors write a file in several steps; wait for a quiet moment and reload once.
    private void OnFileEvent(object sender, FileSystemEventArgs e) => _debounceTimer?.Change(Debounce, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _watcher?.Dispose();
        _pricingWatcher?.Dispose();
        _debounceTimer?.Dispose();
        _reloadSignal.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Telemetry.EventIds.PoliciesLoaded, Level = LogLevel.Information, EventName = "PoliciesLoaded",
            Message = "Loaded {TeamCount} team policies (version {Version}) from {Path}.")]
        public static partial void PoliciesLoaded(ILogger logger, int teamCount, int version, string path);

        [LoggerMessage(EventId = Telemetry.EventIds.PolicyReloadRejected, Level = LogLevel.Error, EventName = "PolicyReloadRejected",
            Message = "Policy change refused; version {Version} stays in force. {Errors}")]
        public static partial void PolicyReloadRejected(ILogger logger, int version, string errors);
    }
}
