using System.Text;
using CmaActors.Emulator.Scenarios.Json;
using System.Text.Json;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Exploration;

/// <summary>Reads, validates and writes <see cref="ReplayFile"/>s; every problem is a <see cref="ScenarioException"/> naming the file and the JSON path.</summary>
public static class ReplayFiles
{
    /// <summary>The JSON text of <paramref name="replay"/>.</summary>
    public static string Serialize(ReplayFile replay) => JsonSerializer.Serialize(replay, ScenarioJson.Options) + Environment.NewLine;

    /// <summary>
    /// Writes <paramref name="replay"/> to <paramref name="path"/> through a temporary file, so no half-written file is
    /// left; a missing folder on the way is created.
    /// </summary>
    public static void Write(string path, ReplayFile replay)
    {
        var text = Serialize(replay);
        var temp = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Loads and validates a replay file.</summary>
    /// <exception cref="ScenarioException">The file is missing, is not valid JSON, or describes a schedule that cannot run.</exception>
    public static ReplayFile Load(string path) => Parse(JsonInput.ReadFile(path), path);

    /// <summary>Parses and validates replay-file JSON; <paramref name="source"/> names it in errors.</summary>
    public static ReplayFile Parse(string json, string source) => Parse(Encoding.UTF8.GetBytes(json), source);

    /// <summary>Parses and validates replay-file JSON given as UTF-8; <paramref name="source"/> names it in errors.</summary>
    public static ReplayFile Parse(ReadOnlyMemory<byte> utf8, string source)
    {
        utf8 = JsonInput.WithoutBom(utf8);
        using var document = JsonInput.Parse(utf8, source);
        var lines = PathLines.Build(utf8.Span);
        var (replay, outOfRange) = ScenarioLoader.Read<ReplayFile>(document.RootElement, source, lines);

        var errors = outOfRange;
        void Check(bool ok, string path, string problem)
        {
            if (!ok)
                errors.Add(new ScenarioError(source, path, problem));
        }

        Check(replay.Version == ReplayFile.CurrentVersion, "$.version", $"unsupported version {replay.Version} (this build reads {ReplayFile.CurrentVersion})");
        if (replay.Strategy == ScheduleStrategyKind.Pct)
        {
            Check(replay.Depth >= 1, "$.depth", "must be >= 1 for the pct strategy");
            Check(replay.Horizon >= 1, "$.horizon", "must be >= 1 for the pct strategy");
        }

        Check(replay.Strategy == ScheduleStrategyKind.Guided || replay.Forced is null or { Count: 0 }, "$.forced", "only a guided schedule has forced decisions");
        if (replay.Forced is { } forced)
        {
            Check(forced.Select(f => (f.Kind, f.At)).Distinct().Count() == forced.Count, "$.forced", "two decisions for the same unit or send");
            for (var i = 0; i < forced.Count; i++)
            {
                Check(forced[i].At >= 0, $"$.forced[{i}].at", "must be >= 0");
                Check(forced[i].Value >= 0, $"$.forced[{i}].value", "must be >= 0");
            }
        }

        Check(!string.IsNullOrWhiteSpace(replay.Expected.Rule), "$.expected.rule", "must not be empty");
        Check(replay.Expected.Step >= 0, "$.expected.step", "must be >= 0");
        foreach (var error in ScenarioLoader.Semantic(replay.ScenarioWithBugs, source, errors.Count > 0))
        {
            var path = error.JsonPath.StartsWith("$.bugs", StringComparison.Ordinal) ? error.JsonPath : "$.scenario" + error.JsonPath[1..];
            errors.Add(error with { JsonPath = path });
        }

        if (errors.Count > 0)
            throw new ScenarioException(errors.Select(e => e with { Line = e.Line ?? lines.LineOf(e.JsonPath) }).ToList());
        return replay;
    }
}
