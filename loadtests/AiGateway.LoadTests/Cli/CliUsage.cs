namespace AiGateway.LoadTests;

/// <summary>The help text.</summary>
internal static class CliUsage
{
    public const string Text = """
        aigw-load: load runner for OpenAI-compatible endpoints on this machine (loopback only).

        Usage:
          aigw-load run --target name=http://127.0.0.1:8080/v1 [--target other=...] --token <token|@file|env:NAME>
                        [--token name=<token>] --scenario chat|stream|embeddings --load <spec> [--load <spec> ...]
                        --out <folder> [--warmup 5s] [--baseline name] [--name <scenario name>]
                        [--model id] [--max-tokens 16] [--prompt-tokens 32]
                        [--max-in-flight 10000] [--max-connections 10000] [--grace 10s] [--report-interval 5s]
          aigw-load plan <plan.json> [--out <folder>]

        Load specs (phases run in order):
          inject:1000/s:30s            open model, constant arrival rate
          ramp-inject:0->1000/s:10s    open model, rate ramps linearly
          constant:64:30s              closed model, 64 concurrent copies
          ramp-constant:0->10000:60s   closed model, copies ramp linearly

        Writes <folder>/report.md and <folder>/report.json. Exit codes: 0 done, 2 bad arguments, 130 cancelled.
        """;
}
