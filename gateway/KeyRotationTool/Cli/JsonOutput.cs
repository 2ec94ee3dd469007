using System.Text;
using System.Text.Json;
using AiGateway.KeyRotation.Rotation;

namespace AiGateway.KeyRotation.Cli;

/// <summary>
/// One JSON document per run for schedulers and scripts: snake_case, ids and times only. Written with
/// <see cref="Utf8JsonWriter"/> field by field, so nothing reaches the output unless it is named here.
/// </summary>
internal sealed class JsonOutput : IToolOutput
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    private readonly TextWriter _out;

    public JsonOutput(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
    }

    /// <summary>Steps are in the final document; nothing is printed while running, so stdout stays one JSON value.</summary>
    public void Report(RotationProgress value)
    {
    }

    public void Rotation(RotationResult result) => Write(writer => WriteRotation(writer, result));

    public void Due(DueRotationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("command", "rotate --due");
            writer.WriteNumber("exit_code", ExitCodes.For(report));
            writer.WriteString("error", report.Error);
            writer.WriteStartArray("services");
            foreach (var entry in report.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("service", entry.Service);
                writer.WriteBoolean("due", entry.WasDue);
                if (entry.Age is { } age)
                {
                    WriteAge(writer, age);
                }
                writer.WriteString("error", entry.Error);
                if (entry.Rotation is { } rotation)
                {
                    writer.WritePropertyName("rotation");
                    WriteRotation(writer, rotation);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public void Status(KeyStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("command", "status");
            writer.WriteNumber("exit_code", ExitCodes.For(report));
            writer.WriteString("error", report.Error);
            writer.WriteStartArray("services");
            foreach (var entry in report.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("service", entry.Service);
                if (entry.State is { } state)
                {
                    writer.WriteString("key_id", state.KeyId);
                    writer.WriteNumber("version", state.Version);
                    writer.WriteString("owner", state.Owner);
                    writer.WriteBoolean("due", state.Age.IsDue);
                    WriteAge(writer, state.Age);
                }
                writer.WriteString("error", entry.Error);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static void WriteRotation(Utf8JsonWriter writer, RotationResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("service", result.Service);
        writer.WriteString("outcome", OutcomeText.Of(result.Outcome));
        writer.WriteNumber("exit_code", ExitCodes.For(result.Outcome));
        writer.WriteString("previous_key_id", result.PreviousKeyId);
        writer.WriteString("new_key_id", result.NewKeyId);
        WriteNumber(writer, "previous_version", result.PreviousVersion);
        WriteNumber(writer, "vault_version", result.NewVersion);
        writer.WriteString("rotated_at", result.RotatedAt is { } at ? RotationMetadata.FormatTime(at) : null);
        writer.WriteNumber("grace_seconds", result.GraceSeconds);
        writer.WriteBoolean("old_key_revoked", result.OldKeyRevoked);
        writer.WriteString("audit_path", result.AuditPath);
        WriteStrings(writer, "steps", result.Steps);
        WriteStrings(writer, "problems", result.Problems);
        writer.WriteEndObject();
    }

    private static void WriteAge(Utf8JsonWriter writer, KeyAge age)
    {
        writer.WriteString("age_from", OutcomeText.Of(age.Source));
        writer.WriteString("since", age.Since is { } since ? RotationMetadata.FormatTime(since) : null);
        if (age.Age is { } value)
        {
            writer.WriteNumber("age_days", Math.Round(value.TotalDays, 2));
        }
        else
        {
            writer.WriteNull("age_days");
        }
        writer.WriteNumber("max_age_days", age.MaxAgeDays);
        writer.WriteString("next_due", age.DueAt is { } due ? RotationMetadata.FormatTime(due) : null);
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private void Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            body(writer);
        }
        _out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _out.Flush();
    }
}
