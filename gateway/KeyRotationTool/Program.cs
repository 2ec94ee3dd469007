using AiGateway.KeyRotation.Cli;

// The key rotation tool: see README.md beside this file. Everything happens in CommandDispatcher.
using var cancellation = new ConsoleCancellation();
return await CommandDispatcher.RunAsync(args, ToolEnvironment.Console(), cancellation.Token).ConfigureAwait(false);
