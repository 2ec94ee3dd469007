namespace AiGateway.LoadTests;

/// <summary>The command line or plan file is wrong; the message says what to change.</summary>
public sealed class CliUsageException(string message) : Exception(message);
