using System.Text.Json;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Validation;

/// <summary>
/// The reviewed list of figures where the emulator is known to disagree with the kernel, each with its reason
/// (<c>validation/kernel/known-disagreements.json</c>): <c>validate</c> marks them, the test lets them be out of
/// tolerance, and docs/fidelity.md explains them. Anything out of tolerance that is not listed fails the test.
/// </summary>
public sealed class KnownDisagreements
{
    private readonly IReadOnlyList<Entry> _entries;

    private KnownDisagreements(IReadOnlyList<Entry> entries) => _entries = entries;

    /// <summary>An empty list.</summary>
    public static KnownDisagreements None { get; } = new([]);

    /// <summary>Every entry: kernel ("*" for any), plan, figure, sizes and vCPU counts (empty: any) and the reason.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>The reason <paramref name="c"/> is a known disagreement, or null.</summary>
    public string? ReasonFor(FigureComparison c) => _entries.FirstOrDefault(e => e.Matches(c))?.Reason;

    /// <summary>Reads the list; a missing file is an empty list.</summary>
    /// <exception cref="ScenarioException">The file is not a valid list.</exception>
    public static KnownDisagreements Read(string file)
    {
        if (!File.Exists(file))
            return None;
        using var document = JsonInput.Parse(JsonInput.ReadFile(file), file);
        var errors = new List<ScenarioError>();
        var entries = new List<Entry>();
        if (!document.RootElement.TryGetProperty("disagreements", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new ScenarioException([new ScenarioError(file, "$.disagreements", "missing, or not an array")]);
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            var at = $"$.disagreements[{i++}]";
            var kernel = Text(e, at, "kernel", errors);
            var plan = Text(e, at, "plan", errors);
            var figure = Text(e, at, "figure", errors);
            var reason = Text(e, at, "reason", errors);
            if (figure is not null && !ValidationFigures.All.Contains(figure))
                errors.Add(new ScenarioError(file, $"{at}.figure", $"unknown figure '{ScenarioError.Quote(figure)}' (known: {string.Join(", ", ValidationFigures.All)})"));
            entries.Add(new Entry(kernel ?? "", plan ?? "", figure ?? "", Numbers(e, at, "pages", errors), Numbers(e, at, "vcpus", errors), reason ?? ""));
        }

        return errors.Count > 0 ? throw new ScenarioException(errors) : new KnownDisagreements(entries);

        string? Text(JsonElement e, string at, string name, List<ScenarioError> problems)
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String &&
                v.GetString() is { Length: > 0 } s)
                return s;
            problems.Add(new ScenarioError(file, $"{at}.{name}", "missing, or not a non-empty string"));
            return null;
        }

        IReadOnlyList<int> Numbers(JsonElement e, string at, string name, List<ScenarioError> problems)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
                return [];
            if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out var n) && n > 0))
                return v.EnumerateArray().Select(x => x.GetInt32()).ToList();
            problems.Add(new ScenarioError(file, $"{at}.{name}", "expected an array of whole numbers ≥ 1"));
            return [];
        }
    }

    /// <summary>One listed disagreement.</summary>
    public sealed record Entry(string Kernel, string Plan, string Figure, IReadOnlyList<int> Pages, IReadOnlyList<int> Vcpus, string Reason)
    {
        /// <summary>True when <paramref name="c"/> is covered by this entry.</summary>
        public bool Matches(FigureComparison c) =>
            (Kernel == "*" || Kernel == c.Kernel) && (Plan == "*" || Plan == c.Plan) && Figure == c.Figure &&
            (Pages.Count == 0 || Pages.Contains(c.Pages)) && (Vcpus.Count == 0 || Vcpus.Contains(c.Vcpus));
    }
}
