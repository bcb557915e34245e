using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CmaActors.PairedRuns;
using MathNet.Numerics.Distributions;

// Two builds in one process, timed by turns on the same schedules: on a shared machine whose speed drifts from minute
// to minute, each turn's ratio compares the builds under the same conditions.
var a = new Option<string>("--a") { Description = "Output folder of build A's perf/CmaActors.PairedRuns", Required = true };
var b = new Option<string>("--b") { Description = "Output folder of build B's perf/CmaActors.PairedRuns", Required = true };
var scenario = new Option<string>("--scenario") { Description = "Built-in scenario", DefaultValueFactory = _ => "race-contig" };
var strategy = new Option<string>("--strategy")
{
    Description = "random or pct (schedules explored); run or run-unchecked (whole runs of seed 7, with or without the per-delivery checks)",
    DefaultValueFactory = _ => "random",
};
strategy.AcceptOnlyFromAmong("random", "pct", "run", "run-unchecked");
var turns = new Option<int>("--turns") { Description = "Measured turns per build", DefaultValueFactory = _ => 40 };
var warmup = new Option<int>("--warmup") { Description = "Turns per build before measuring (JIT tiering)", DefaultValueFactory = _ => 20 };
var schedules = new Option<int>("--schedules") { Description = "Schedules (or runs) per turn", DefaultValueFactory = _ => 200 };
var command = new RootCommand("Two builds timed by turns in one process on the same work, with the ratio of their speeds per turn") { a, b, scenario, strategy, turns, warmup, schedules };
command.SetAction(parse => Compare(parse.GetValue(a)!, parse.GetValue(b)!, parse.GetValue(scenario)!, parse.GetValue(strategy)!,
    parse.GetValue(turns), parse.GetValue(warmup), parse.GetValue(schedules)));
return command.Parse(args).Invoke();

static int Compare(string folderA, string folderB, string scenario, string strategy, int turns, int warmup, int schedules)
{
    BuildUnderTest[] builds = [new(folderA, scenario, strategy), new(folderB, scenario, strategy)];
    var seconds = new[] { new List<double>(), new List<double>() };
    var seed = 0;
    for (var turn = 0; turn < warmup + turns; turn++, seed += schedules)
    {
        // Both builds run the same seeds in a turn; which goes first alternates.
        foreach (var i in turn % 2 == 0 ? new[] { 0, 1 } : [1, 0])
        {
            var clock = Stopwatch.StartNew();
            builds[i].Run(seed, schedules);
            if (turn >= warmup)
                seconds[i].Add(clock.Elapsed.TotalSeconds);
        }
    }

    var ratios = seconds[1].Zip(seconds[0], (tb, ta) => tb / ta).ToList();
    var faster = ratios.Count(r => r > 1);
    var slower = ratios.Count(r => r < 1);
    var signTestP = Math.Min(1, 2 * Binomial.CDF(0.5, faster + slower, Math.Min(faster, slower)));
    var runs = strategy.StartsWith("run", StringComparison.Ordinal);
    string Rate(List<double> s) => runs
        ? string.Create(CultureInfo.InvariantCulture, $"{Median(s) / schedules:0.000} s per run")
        : (schedules / Median(s)).ToString("N0", CultureInfo.InvariantCulture) + " schedules/s";
    Console.WriteLine($"{scenario}, {strategy}: {turns} turns of {schedules} {(runs ? "runs" : "schedules")} per build after {warmup} of warm-up");
    Console.WriteLine($"A {builds[0].Folder}: median {Rate(seconds[0])}");
    Console.WriteLine($"B {builds[1].Folder}: median {Rate(seconds[1])}");
    var p = signTestP < 1e-4 ? "< 0.0001" : string.Create(CultureInfo.InvariantCulture, $"= {signTestP:0.####}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"A's speed / B's, per turn: median {Median(ratios):0.000}; A faster in {faster} of {ratios.Count} turns (sign test p {p})"));
    return 0;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    var mid = sorted.Count / 2;
    return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
