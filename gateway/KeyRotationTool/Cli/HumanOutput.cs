using System.Globalization;
using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Cli;

/// <summary>Readable lines: each step as it happens (a 3-minute grace wait should not look like a hang), then a verdict.</summary>
internal sealed class HumanOutput : IToolOutput
{
    private static readonly string[] StatusHeader = ["SERVICE", "KEY_ID", "VERSION", "AGE", "AGE_FROM", "NEXT_DUE", "DUE", "OWNER"];

    private readonly TextWriter _out;

    public HumanOutput(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
    }

    public void Report(RotationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _out.WriteLine(value.Stage == RotationStage.Problem ? $"{value.Service}: PROBLEM: {value.Message}" : $"{value.Service}: {value.Message}");
        _out.Flush();
    }

    public void Rotation(RotationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var verdict = result.Outcome switch
        {
            RotationOutcome.Rotated => $"ROTATED key_id {result.PreviousKeyId ?? "(none)"} -> {result.NewKeyId} (Vault version {result.NewVersion})"
                + (result.OldKeyRevoked ? "; old key revoked" : "; no old key_id to revoke"),
            RotationOutcome.DryRun => "DRY RUN: nothing changed",
            RotationOutcome.Failed => "FAILED: nothing changed, the old key stays in service",
            RotationOutcome.RolledBack => $"ROLLED BACK: the new key was revoked, the old key {result.PreviousKeyId ?? "(no key_id)"} stays in service",
            _ => "PARTIAL: needs a human",
        };
        _out.WriteLine($"{result.Service}: {verdict} (exit {ExitCodes.For(result.Outcome)})");
        if (result.Outcome == RotationOutcome.Partial)
        {
            foreach (var problem in result.Problems)
            {
                _out.WriteLine($"  - {problem}");
            }
        }
    }

    public void Due(DueRotationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Error is not null)
        {
            _out.WriteLine($"error: {report.Error}");
            return;
        }
        foreach (var entry in report.Entries)
        {
            if (entry.Error is not null)
            {
                _out.WriteLine($"{entry.Service}: ERROR: {entry.Error}");
            }
            else if (entry.Rotation is { } rotation)
            {
                Rotation(rotation);
            }
            else if (entry.Age is { } age)
            {
                _out.WriteLine($"{entry.Service}: not due (age {Days(age.Age)} of {age.MaxAgeDays} days; due {Date(age.DueAt)})");
            }
        }
        var rotations = report.Rotations.ToList();
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary: {report.Entries.Count} checked, {rotations.Count} due, {rotations.Count(r => r.Outcome is RotationOutcome.Rotated or RotationOutcome.DryRun)} done, " +
            $"{rotations.Count(r => r.Outcome is RotationOutcome.Failed or RotationOutcome.RolledBack) + report.Entries.Count(e => e.Error is not null)} failed, " +
            $"{rotations.Count(r => r.Outcome == RotationOutcome.Partial)} partial (exit {ExitCodes.For(report)})"));
    }

    public void Status(KeyStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Error is not null)
        {
            _out.WriteLine($"error: {report.Error}");
            return;
        }
        var rows = new List<string[]> { StatusHeader };
        foreach (var entry in report.Entries)
        {
            if (entry.State is not { } state)
            {
                rows.Add([entry.Service, "ERROR: " + entry.Error, "", "", "", "", "", ""]);
                continue;
            }
            rows.Add([state.Service, state.KeyId ?? "-", state.Version.ToString(CultureInfo.InvariantCulture), Days(state.Age.Age),
                OutcomeText.Of(state.Age.Source), Date(state.Age.DueAt), state.Age.IsDue ? "yes" : "no", state.Owner ?? "-"]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            _out.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }
        if (report.Entries.Count == 0)
        {
            _out.WriteLine("(no secrets under creds/)");
        }
    }

    private static string Days(TimeSpan? age) => age is { } a ? a.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) + "d" : "?";

    private static string Date(DateTimeOffset? at) => at is { } a ? RotationMetadata.FormatTime(a) : "now (age unknown)";
}
