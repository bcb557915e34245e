using System.Text.Json;
using System.Text.Json.Nodes;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Sweeps;

/// <summary>One knob of a sweep: a scenario field and the values it takes (<c>--set PATH=V1,V2,...</c>).</summary>
public sealed record SweepKnob(string Path, IReadOnlyList<ScenarioOverride> Values);

/// <summary>
/// One design of a sweep: the knob values it sets, the effective scenario they give (validated, duration applied,
/// as scenario JSON) and that scenario's hash, which identifies the design's run lines.
/// </summary>
public sealed record SweepDesign(int Index, IReadOnlyList<ScenarioOverride> Settings, string Label, string ScenarioJson, string ScenarioHash);

/// <summary>
/// A sweep: designs (the cartesian product of the knobs' values, the first knob varying slowest) × seeds, and the
/// design the others are compared with. Each (design, seed) is one run, <see cref="SweepRunner.RunOne"/>.
/// </summary>
public sealed record SweepPlan(string Scenario, IReadOnlyList<SweepKnob> Knobs, IReadOnlyList<SweepDesign> Designs, int SeedFrom, int SeedTo,
    int Baseline, double DurationSeconds)
{
    /// <summary>Seeds of every design, in order.</summary>
    public IEnumerable<int> Seeds => Enumerable.Range(SeedFrom, SeedTo - SeedFrom + 1);

    /// <summary>Runs in the sweep.</summary>
    public int RunCount => Designs.Count * (SeedTo - SeedFrom + 1);

    /// <summary>
    /// The plan of a sweep over the scenario JSON <paramref name="json"/> (named <paramref name="source"/> in errors):
    /// every design is built and validated now, so a bad value stops the sweep before any run.
    /// </summary>
    /// <param name="json">The scenario's JSON text.</param>
    /// <param name="source">The scenario's file or built-in name, for errors.</param>
    /// <param name="knobs">Knobs, in the order given (each with at least one value).</param>
    /// <param name="seedFrom">First seed.</param>
    /// <param name="seedTo">Last seed (inclusive).</param>
    /// <param name="baseline">Knob values of the baseline design (default: each knob's first value).</param>
    /// <param name="durationSeconds">Virtual time of each run instead of the scenario's.</param>
    /// <exception cref="ScenarioException">A knob, a baseline value or a design is not valid.</exception>
    public static SweepPlan Create(string json, string source, IReadOnlyList<SweepKnob> knobs, int seedFrom, int seedTo,
        IReadOnlyList<ScenarioOverride>? baseline = null, double? durationSeconds = null)
    {
        if (seedTo < seedFrom)
            throw new ArgumentException($"seeds {seedFrom}..{seedTo}: the last seed comes before the first", nameof(seedTo));
        foreach (var group in knobs.GroupBy(k => Normalise(k.Path)).Where(g => g.Count() > 1))
            throw Error($"--set {group.Key}", ScenarioOverrides.JsonPathOf(group.Key), "set twice: give every value in one --set PATH=V1,V2,...");

        var combinations = new List<IReadOnlyList<ScenarioOverride>> { Array.Empty<ScenarioOverride>() };
        foreach (var knob in knobs)
            combinations = combinations.SelectMany(c => knob.Values.Select(v => (IReadOnlyList<ScenarioOverride>)[.. c, v])).ToList();

        var designs = new List<SweepDesign>();
        string? name = null;
        double duration = 0;
        foreach (var settings in combinations)
        {
            var scenario = ScenarioOverrides.Load(json, source, settings);
            if (durationSeconds is { } d)
                scenario = scenario with { DurationSeconds = d };
            if (scenario.Mode != RunMode.Simulation)
            {
                throw Error(source, "$.mode",
                    "a sweep runs in simulation mode only (deterministic, one run per seed); add --set mode=simulation");
            }

            name = scenario.Name;
            duration = scenario.DurationSeconds;
            var document = ScenarioIdentity.Document(scenario);
            var label = string.Join(", ", settings.Where((_, i) => knobs[i].Values.Count > 1).Select(s => s.Text));
            designs.Add(new SweepDesign(designs.Count, settings, label.Length == 0 ? "as given" : label,
                document.ToJsonString(ScenarioJson.Options), ScenarioIdentity.Hash(scenario)));
        }

        foreach (var same in designs.GroupBy(d => d.ScenarioHash).Where(g => g.Count() > 1))
        {
            var pair = same.Take(2).ToList();
            throw Error("--set", "$", $"designs '{pair[0].Label}' and '{pair[1].Label}' are the same scenario: give every value once");
        }

        var baselineIndex = BaselineIndex(knobs, baseline ?? []);
        return new SweepPlan(name!, knobs, designs, seedFrom, seedTo, baselineIndex, duration);
    }

    /// <summary>The design whose runs have <paramref name="scenarioHash"/>, or null.</summary>
    public SweepDesign? DesignOf(string scenarioHash) => Designs.FirstOrDefault(d => d.ScenarioHash == scenarioHash);

    private static int BaselineIndex(IReadOnlyList<SweepKnob> knobs, IReadOnlyList<ScenarioOverride> baseline)
    {
        var chosen = new int[knobs.Count];
        foreach (var b in baseline)
        {
            var k = knobs.ToList().FindIndex(x => Normalise(x.Path) == Normalise(b.Path));
            if (k < 0)
            {
                throw Error($"--baseline {b.Text}", ScenarioOverrides.JsonPathOf(b.Path),
                    $"not a knob of the sweep (knobs: {string.Join(", ", knobs.Select(x => x.Path))})");
            }

            var v = knobs[k].Values.ToList().FindIndex(x => ScenarioIdentity.Canonical(x.Value) == ScenarioIdentity.Canonical(b.Value));
            if (v < 0)
            {
                throw Error($"--baseline {b.Text}", ScenarioOverrides.JsonPathOf(b.Path),
                    $"not one of the knob's values ({string.Join(", ", knobs[k].Values.Select(x => x.ValueJson))})");
            }

            chosen[k] = v;
        }

        var index = 0;
        for (var k = 0; k < knobs.Count; k++)
            index = index * knobs[k].Values.Count + chosen[k];
        return index;
    }

    private static string Normalise(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static ScenarioException Error(string source, string path, string problem) => new([new ScenarioError(source, path, problem)]);
}
