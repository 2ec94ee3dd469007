using AiGateway.KeyRotation.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AiGateway.KeyRotation.Cli;

/// <summary>
/// What a run gets from outside: output streams, clock, configuration and logging. <see cref="Console"/> is the
/// real one; tests pass their own writers, a fake clock, in-memory settings and a capturing logger.
/// </summary>
internal sealed record ToolEnvironment(
    TextWriter Out,
    TextWriter Error,
    TimeProvider Time,
    Func<IReadOnlyList<string>, IConfiguration> Configuration,
    Action<ILoggingBuilder, IConfiguration> ConfigureLogging)
{
    public static ToolEnvironment Console() => new(
        System.Console.Out,
        System.Console.Error,
        TimeProvider.System,
        ToolConfiguration.Build,
        static (logging, configuration) =>
        {
            // Warnings and errors by default: stdout already narrates each step; raise Logging:LogLevel to ship everything.
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            });
            // Logs go to stderr so stdout stays the report (and valid JSON with --json).
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
}
