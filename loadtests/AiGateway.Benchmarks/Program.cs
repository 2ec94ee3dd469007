// Pick benchmarks with --filter; see README.md. Example: dotnet run -c Release -- --filter '*' --job short
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(AiGateway.Benchmarks.TokenAuthenticationBenchmarks).Assembly).Run(args);
