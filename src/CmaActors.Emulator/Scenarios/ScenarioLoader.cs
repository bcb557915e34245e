using System.Text.Json;
using System.Text;
using System.Text.Json.Nodes;
using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// Reads a scenario from JSON and validates it. Every problem is reported as a <see cref="ScenarioError"/> naming
/// the source, the JSON path and what is wrong; nothing else escapes.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates a scenario file.</summary>
    /// <exception cref="ScenarioException">The file is missing, too large, is not valid JSON, or describes an impossible run.</exception>
    public static Scenario LoadFile(string path) => Parse(JsonInput.ReadFile(path), path);

    /// <summary>Parses and validates scenario JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioException">The text is not valid JSON or describes an impossible run.</exception>
    public static Scenario Parse(string json, string source) => Parse(Encoding.UTF8.GetBytes(json), source);

    /// <summary>Parses and validates scenario JSON given as UTF-8; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioException">The bytes are not UTF-8, not JSON, or describe an impossible run.</exception>
    public static Scenario Parse(ReadOnlyMemory<byte> utf8, string source)
    {
        utf8 = JsonInput.WithoutBom(utf8);
        using var document = JsonInput.Parse(utf8, source);
        return Parse(document.RootElement, source, PathLines.Build(utf8.Span));
    }

    /// <summary>
    /// Validates a scenario held in memory (a file's document after changes, such as <c>--set</c> overrides) with exactly
    /// the checks and messages of a file; <paramref name="lines"/> names lines when the document came from a file.
    /// </summary>
    /// <exception cref="ScenarioException">The document describes no scenario or an impossible run.</exception>
    public static Scenario Parse(JsonElement root, string source, PathLines? lines = null)
    {
        lines ??= PathLines.None;
        var (scenario, errors) = Read<Scenario>(root, source, lines);
        var reported = errors.Select(e => e.JsonPath).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(Semantic(scenario, source, errors.Count > 0).Where(e => !reported.Contains(e.JsonPath))
            .Select(e => e with { Line = e.Line ?? lines.LineOf(e.JsonPath) }));
        if (errors.Count > 0)
            throw new ScenarioException(errors);
        return scenario;
    }

    /// <summary>
    /// The checks across members. When some value is already out of its range they may meet values no check expects,
    /// so what they find is then a bonus: a check that cannot run adds nothing to what was reported.
    /// </summary>
    internal static IReadOnlyList<ScenarioError> Semantic(Scenario scenario, string source, bool outOfRange)
    {
        if (!outOfRange)
            return ScenarioValidator.Validate(scenario, source);
        try
        {
            return ScenarioValidator.Validate(scenario, source);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return [];
        }
    }

    /// <summary>Validates a scenario document held as a <see cref="JsonNode"/> (after changes), as <see cref="Parse(JsonElement, string, PathLines?)"/>.</summary>
    /// <exception cref="ScenarioException">The document describes no scenario or an impossible run.</exception>
    public static Scenario Parse(JsonNode? document, string source) =>
        Parse(JsonSerializer.SerializeToElement(document), source);

    /// <summary>The document of a scenario file, to change before <see cref="Parse(JsonElement, string, PathLines?)"/>.</summary>
    /// <exception cref="ScenarioException">The file cannot be read, is too large, or is not JSON.</exception>
    public static JsonNode ReadDocument(string path)
    {
        var utf8 = JsonInput.WithoutBom(JsonInput.ReadFile(path));
        using var document = JsonInput.Parse(utf8, path);
        JsonInput.RefuseDuplicates(document.RootElement, path, utf8.Span);
        return JsonNode.Parse(document.RootElement.GetRawText(), documentOptions: JsonInput.DocumentOptions)!;
    }

    /// <summary>
    /// Reads <paramref name="root"/> as a <typeparamref name="T"/>: its shape checked first (<see cref="JsonShape"/>), so
    /// that the serializer only ever sees what it can read; the root's <c>$schema</c> member is skipped.
    /// </summary>
    /// <returns>The value, and the problems of values out of their range (the value holds them as written).</returns>
    /// <exception cref="ScenarioException">The document cannot be read as a <typeparamref name="T"/>.</exception>
    internal static (T Value, List<ScenarioError> OutOfRange) Read<T>(JsonElement root, string source, PathLines lines) where T : class
    {
        var problems = JsonShape.Check(root, typeof(T), ScenarioJson.Options)
            .Select(p => (Error: new ScenarioError(source, p.Path, p.Problem, lines.LineOf(p.Path)), p.OutOfRange)).ToList();
        if (problems.Any(p => !p.OutOfRange))
            throw new ScenarioException(problems.Select(p => p.Error).ToList());
        var outOfRange = problems.Select(p => p.Error).ToList();

        try
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(JsonShape.SchemaMember, out _))
            {
                var node = JsonObject.Create(root)!;
                node.Remove(JsonShape.SchemaMember);
                return (node.Deserialize<T>(ScenarioJson.Options)!, outOfRange);
            }

            return (root.Deserialize<T>(ScenarioJson.Options)!, outOfRange);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            throw new ScenarioException([new ScenarioError(source, path, "has a value this setting cannot take", lines.LineOf(path))]);
        }
    }

    /// <summary>The names "kind" takes in a workload.</summary>
    public static IReadOnlyList<string> WorkloadKinds { get; } = ["anonChurn", "cmaDevice", "background", "kernelAlloc"];

    /// <summary>The names "phase" takes in a load profile.</summary>
    public static IReadOnlyList<string> LoadPhases { get; } = ["inject", "ramping_inject", "keep_constant", "ramping_constant", "pause"];
}
