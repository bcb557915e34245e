using System.Text.Json;
using System.Text.Json.Serialization;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Sweeps;

/// <summary>
/// One measured value of a run: what (<see cref="Metric"/>, one of <see cref="SweepMetrics"/>), of what (an area or a
/// lock, null for the whole machine), and for which request size (cma_alloc latencies only).
/// </summary>
public sealed record SweepValue(string Metric, string? Subject, int? Pages, double Value);

/// <summary>The latency CDF of one request size of one area in one run (successful calls).</summary>
public sealed record SweepCdf(string Area, int Pages, long Calls, IReadOnlyList<CdfPoint> Points);

/// <summary>
/// One finished run of a sweep, written as one line of JSON: the design (by index and by its scenario's hash, which
/// is what a merge trusts), the seed, the values measured and the latency CDFs. A line depends only on (effective
/// scenario, seed): any worker, in any order, writes the same line.
/// </summary>
public sealed record SweepRunLine
{
    /// <summary>Version of the line's layout.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Layout version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Index of the design in its sweep.</summary>
    public required int Design { get; init; }

    /// <summary>Seed of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>Hash of the design's effective scenario (seed left out).</summary>
    public required string ScenarioHash { get; init; }

    /// <summary>Virtual time reached, s.</summary>
    public required double VirtualSeconds { get; init; }

    /// <summary>Messages delivered.</summary>
    public required long Deliveries { get; init; }

    /// <summary>The invariant broken, if one was ("rule at step N"); such a run is left out of the statistics.</summary>
    public string? Violation { get; init; }

    /// <summary>Values measured, in <see cref="SweepMetrics"/> order.</summary>
    public required IReadOnlyList<SweepValue> Values { get; init; }

    /// <summary>Latency CDFs by area and request size.</summary>
    public required IReadOnlyList<SweepCdf> Cdfs { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The line's JSON text, without the newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>A line read back; null when it is not a complete line of this layout (a run cut short while writing).</summary>
    public static SweepRunLine? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            var line = JsonSerializer.Deserialize<SweepRunLine>(text, Options);
            return line is { Version: CurrentVersion, ScenarioHash.Length: > 0, Values: not null, Cdfs: not null } ? line : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
