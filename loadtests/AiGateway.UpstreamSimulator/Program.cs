using AiGateway.UpstreamSimulator;

// Standalone host: options from the "Simulator" section (appsettings.json, Simulator__* env vars, command line).
var app = SimulatorApp.Build(args);
await app.StartAsync();
Console.WriteLine(SimulatorApp.DescribeListening(app.Urls));
await app.WaitForShutdownAsync();
