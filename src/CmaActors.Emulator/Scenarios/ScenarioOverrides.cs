using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// One <c>--set PATH=VALUE</c>: the JSON path of a scenario field and the value to put there. <see cref="Text"/> is
/// the assignment as the user wrote it (its value part being one value, not a list).
/// </summary>
public sealed record ScenarioOverride(string Path, JsonNode? Value, string Text)
{
    /// <summary>The value as compact JSON.</summary>
    public string ValueJson => Value?.ToJsonString() ?? "null";
}

/// <summary>
/// Knob overrides applied to a scenario's JSON document before it is validated, so an overridden value is checked
/// exactly as if it had been written in the file: <c>policy.pcpBatch=255</c>, <c>machine.cpus=16</c>,
/// <c>workloads[1].sizes=[1,2,4]</c>. A value is read as JSON when it parses as JSON, else as a string.
/// </summary>
public static class ScenarioOverrides
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses <c>PATH=VALUE</c> (VALUE one value).</summary>
    /// <exception cref="ScenarioException">No '=' or an unreadable path.</exception>
    public static ScenarioOverride Parse(string assignment)
    {
        var (path, value) = Split(assignment);
        return new ScenarioOverride(path, ParseValue(value), $"{path}={value}");
    }

    /// <summary>
    /// Parses <c>PATH=V1,V2,...</c>: one override per value. Values are split at commas outside brackets, braces and
    /// quotes, so <c>sizes=[1,2],[4,8]</c> is two arrays and <c>name="a,b"</c> one string.
    /// </summary>
    /// <exception cref="ScenarioException">No '=', an unreadable path, or an empty value.</exception>
    public static IReadOnlyList<ScenarioOverride> ParseList(string assignment)
    {
        var (path, values) = Split(assignment);
        var parts = SplitValues(values);
        if (parts.Any(p => p.Length == 0))
            throw Error(assignment, JsonPathOf(path), "an empty value in the list (write \"\" for an empty string)");
        return parts.Select(v => new ScenarioOverride(path, ParseValue(v), $"{path}={v}")).ToList();
    }

    /// <summary>A value as JSON when it parses as JSON (a number, true, [1,2], {"min":1}, "text"), else as a string.</summary>
    public static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: ReadOptions);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>The values of a comma-separated list, split at commas outside brackets, braces and JSON strings.</summary>
    public static IReadOnlyList<string> SplitValues(string values)
    {
        var parts = new List<string>();
        var depth = 0;
        var inString = false;
        var start = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var c = values[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    parts.Add(values[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(values[start..].Trim());
        return parts;
    }

    /// <summary>
    /// The scenario JSON <paramref name="json"/> with <paramref name="overrides"/> applied in order, as indented text.
    /// Objects missing on the way are created (the loader then rejects properties a scenario does not have).
    /// </summary>
    /// <exception cref="ScenarioException">The text is not a JSON object, or a path leads nowhere (an index out of range, a field inside a number).</exception>
    public static string Apply(string json, string source, IReadOnlyList<ScenarioOverride> overrides)
    {
        if (overrides.Count == 0)
            return json;
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: ReadOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Let the loader say what is wrong with the file itself, exactly as without overrides.
            ScenarioLoader.Parse(json, source);
            throw new ScenarioException([new ScenarioError(source, "$", "the scenario is not valid JSON")]);
        }

        if (document is not JsonObject root)
            throw new ScenarioException([new ScenarioError(source, "$", "expected a scenario object")]);
        foreach (var o in overrides)
            Set(root, o);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Loads scenario JSON with <paramref name="overrides"/> applied, validated by the scenario loader; problems with
    /// an overridden value are reported under the source "<paramref name="source"/> with --set ...".
    /// </summary>
    /// <exception cref="ScenarioException">A path leads nowhere, or the effective scenario is not a valid one.</exception>
    public static Scenario Load(string json, string source, IReadOnlyList<ScenarioOverride> overrides)
    {
        if (overrides.Count == 0)
            return ScenarioLoader.Parse(json, source);
        var effective = Apply(json, source, overrides);
        var labelled = $"{source} with --set {string.Join(" --set ", overrides.Select(o => o.Text))}";
        try
        {
            return ScenarioLoader.Parse(effective, labelled);
        }
        catch (ScenarioException e)
        {
            // Line numbers would point into the rewritten document, which the user never saw: drop them.
            throw new ScenarioException(e.Errors.Select(x => x with { Line = null }).ToList());
        }
    }

    /// <summary>The path as a JSON path: <c>policy.pcpBatch</c> → <c>$.policy.pcpBatch</c>.</summary>
    public static string JsonPathOf(string path) => path.StartsWith('$') ? path : "$." + path;

    private static (string Path, string Value) Split(string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            throw Error(assignment, "$", "expected PATH=VALUE, e.g. policy.pcpBatch=255");
        var path = assignment[..eq].Trim();
        var value = assignment[(eq + 1)..].Trim();
        Segments(assignment, path);
        return (path, value);
    }

    private static void Set(JsonObject root, ScenarioOverride o)
    {
        var segments = Segments(o.Text, o.Path);
        JsonNode current = root;
        var at = new StringBuilder("$");
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            var value = last ? o.Value?.DeepClone() : null;
            if (segment.Name is { } name)
            {
                if (current is not JsonObject obj)
                    throw Error(o.Text, at.ToString(), $"is {Kind(current)}, so it has no field '{name}'");
                at.Append('.').Append(name);
                if (last)
                {
                    obj[name] = value;
                    return;
                }

                if (obj[name] is not { } next)
                {
                    if (segments[i + 1].Index is not null)
                        throw Error(o.Text, at.ToString(), "is not in the scenario, so it has no element to set");
                    obj[name] = next = new JsonObject();
                }

                current = next;
            }
            else
            {
                var index = segment.Index!.Value;
                if (current is not JsonArray array)
                    throw Error(o.Text, at.ToString(), $"is {Kind(current)}, not an array, so it has no element [{index}]");
                if (index >= array.Count)
                {
                    throw Error(o.Text, $"{at}[{index}]",
                        array.Count == 0 ? "the array is empty" : $"no such element: the array has {array.Count} (indices 0..{array.Count - 1})");
                }

                at.Append('[').Append(index).Append(']');
                if (last)
                {
                    array[index] = value;
                    return;
                }

                current = array[index] ?? throw Error(o.Text, at.ToString(), "is null");
            }
        }
    }

    private static string Kind(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true or false",
            _ => "a value",
        },
    };

    private readonly record struct Segment(string? Name, int? Index);

    private static List<Segment> Segments(string assignment, string path)
    {
        var text = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var segments = new List<Segment>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), out var index) || index < 0)
                    throw Error(assignment, JsonPathOf(path), "an index is written [N] with N a whole number ≥ 0");
                segments.Add(new Segment(null, index));
                i = close + 1;
                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    if (i == text.Length)
                        throw Error(assignment, JsonPathOf(path), "the path ends with '.'");
                }

                continue;
            }

            var end = text.IndexOfAny(['.', '['], i);
            if (end < 0)
                end = text.Length;
            var name = text[i..end];
            if (name.Length == 0 || name.Contains(']', StringComparison.Ordinal))
                throw Error(assignment, JsonPathOf(path), "expected a field name, e.g. policy.pcpBatch or workloads[1].sizes");
            segments.Add(new Segment(name, null));
            i = end;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                if (i == text.Length)
                    throw Error(assignment, JsonPathOf(path), "the path ends with '.'");
            }
        }

        if (segments.Count == 0)
            throw Error(assignment, "$", "expected a field path before '=', e.g. policy.pcpBatch=255");
        return segments;
    }

    private static ScenarioException Error(string assignment, string jsonPath, string problem) =>
        new([new ScenarioError($"--set {assignment}", jsonPath, problem)]);
}
