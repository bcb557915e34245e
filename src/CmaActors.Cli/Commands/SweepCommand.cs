using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CmaActors.Cli.Output;
using CmaActors.Cluster.Kinds;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Sweeps;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>cma-actors sweep SCENARIO --set PATH=V1,V2,... [--seeds A..B] [--baseline PATH=V]... [--duration D] [--out DIR]
/// [--workers N | --cluster HOST:PORT]</c>: every design of the grid × every seed, then intervals, paired differences and
/// seed guidance. With <c>--cluster</c> the runs are a job of the worker nodes of that cluster (<see cref="SweepJobKind"/>);
/// the lines they stream back are kept as they come, and the merge is the one-process merge.
/// </summary>
public static partial class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file, or the name of a built-in scenario (default: 'default')",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var sets = OverrideSwitches.CreateOption(
            "A knob and its values: PATH=V1,V2,... (repeatable; the designs are every combination). Values split at commas outside " +
            "brackets and quotes: workloads[1].sizes=[1,2],[4,8] is two values");
        var seeds = new Option<string>("--seeds") { Description = "Seeds of every design, A..B inclusive (default 0..9)", DefaultValueFactory = _ => "0..9" };
        var baseline = new Option<string[]>("--baseline")
        {
            Description = "The design the others are compared with, as PATH=VALUE of its knobs (repeatable; default: each knob's first value)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var duration = new Option<string?>("--duration") { Description = "Virtual time of each run, e.g. 10s (default: the scenario's)" };
        var outDir = new Option<string?>("--out")
        {
            Description = "Folder for runs.jsonl (one line per run; a rerun skips the runs it holds), sweep.json, report.md and report.html",
        };
        var workers = WorkerSwitch.CreateOption();
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing but errors" };
        var json = new Option<bool>("--json") { Description = "Print sweep.json to standard output instead of the tables" };
        var command = new Command("sweep", "Run every design of a knob grid over many seeds; intervals, paired differences with a baseline, seeds needed")
        {
            scenario, sets, seeds, baseline, duration, outDir, workers, quiet, json,
        };
        var cluster = new ClusterSwitches();
        cluster.AddTo(command);
        command.SetAction(parse =>
        {
            var request = cluster.Requested(parse) ? cluster.Read(parse) : null;
            var workerCount = WorkerSwitch.Read(parse, workers, request is not null);
            return Execute(output, parse.GetValue(scenario), parse.GetValue(sets), parse.GetValue(seeds)!, parse.GetValue(baseline),
                parse.GetValue(duration), parse.GetValue(outDir), workerCount, request, parse.GetValue(quiet), parse.GetValue(json));
        });
        return command;
    }

    private static int Execute(CliOutput output, string? scenarioArgument, string[]? sets, string seedsText, string[]? baselineTexts,
        string? durationText, string? outDir, int workers, ClusterRequest? cluster, bool quiet, bool json)
    {
        var (from, to) = Seeds(seedsText);
        double? durationSeconds = durationText is null ? null : DurationText.Seconds("--duration", durationText);
        var knobs = (sets ?? []).Select(s => ScenarioOverrides.ParseList(s)).Select(v => new SweepKnob(v[0].Path, v)).ToList();
        var baseline = (baselineTexts ?? []).Select(ScenarioOverrides.Parse).ToList();
        var (text, source) = ScenarioResolver.Text(scenarioArgument);
        var plan = SweepPlan.Create(text, source, knobs, from, to, baseline, durationSeconds);
        if (outDir is not null)
            OutputFolder.Prepare(outDir, SweepRunStore.RunsFile);

        using var store = outDir is null ? null : SweepRunStore.Open(outDir);
        var lines = new List<SweepRunLine>(store?.Existing ?? []);
        var pending = SweepRunner.Pending(plan, lines);
        var console = ConsoleFactory.For(output.Out);
        var clock = Stopwatch.StartNew();
        void Finished(SweepRunLine line)
        {
            lines.Add(line);
            store?.Append(line);
        }

        var by = WorkerSwitch.Label(workers);
        if (cluster is not null)
        {
            by = $"the cluster at {cluster.Node.Seeds[0]}";
            if (pending.Count > 0)
            {
                // Each line is kept (and appended to runs.jsonl) as it arrives, so a sweep cut short resumes from there.
                var job = SweepJobKind.Job(plan, pending);
                var kept = 0;
                var outcome = ClusterJobRun.Run(output, cluster, job, $"{pending.Count} runs", quiet || json, line =>
                {
                    if (SweepRunLine.TryParse(line.Json) is not { } run)
                        return;
                    Finished(run);
                    kept++;
                });
                if (outcome is null)
                    return ExitCodes.Failure;
                if (kept != outcome.Lines.Count)
                {
                    output.Error($"--cluster {cluster.Node.Seeds[0]}: {outcome.Lines.Count - kept} of the runs came back in another layout " +
                                 "(a worker node runs another version of cma-actors)");
                    return ExitCodes.Failure;
                }

                if (!quiet && !json)
                    output.Out.WriteLine(ClusterJobRun.Describe(outcome, "runs"));
            }
        }
        else if (!quiet && !json && console.Profile.Capabilities.Interactive && pending.Count > 0)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask($"{pending.Count} runs, {WorkerSwitch.Label(workers)}", maxValue: pending.Count);
                    SweepRunner.Run(pending, workers, line =>
                    {
                        Finished(line);
                        task.Increment(1);
                    });
                });
        }
        else
        {
            SweepRunner.Run(pending, workers, Finished);
        }

        clock.Stop();
        var report = SweepMerge.Merge(plan, lines);
        store?.WriteReport(report);
        if (json)
            output.Out.Write(ResultsJson.Serialize(report));
        else if (!quiet)
        {
            output.Out.WriteLine(SweepSummary.Header(report, pending.Count, plan.RunCount - pending.Count, clock.Elapsed, by));
            SweepSummary.Write(console, report);
            if (outDir is not null)
                output.Out.WriteLine($"written to {outDir}: runs.jsonl, sweep.json, report.md, report.html");
        }

        var violated = report.Designs.Where(d => d.ViolatedSeeds.Count > 0).ToList();
        foreach (var d in violated)
            output.Error($"design {d.Index} ({d.Label}): an invariant broke with seeds {string.Join(", ", d.ViolatedSeeds)}; those runs are left out");
        return violated.Count > 0 ? ExitCodes.Violation : ExitCodes.Ok;
    }

    /// <summary>"A..B" (or a single seed "A") as an inclusive range.</summary>
    internal static (int From, int To) Seeds(string text)
    {
        var match = SeedRange().Match(text.Trim());
        if (!match.Success ||
            !int.TryParse(match.Groups["a"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var from) ||
            !int.TryParse(match.Groups["b"].Success ? match.Groups["b"].Value : match.Groups["a"].Value, NumberStyles.None, CultureInfo.InvariantCulture,
                out var to))
        {
            throw new CliInputException($"--seeds {text}: expected a range of seeds such as 0..15 (or one seed)");
        }

        if (to < from)
            throw new CliInputException($"--seeds {text}: the last seed comes before the first");
        if ((long)to - from >= 100_000)
            throw new CliInputException($"--seeds {text}: at most 100,000 seeds");
        return (from, to);
    }

    [GeneratedRegex(@"^(?<a>[0-9]+)(\.\.(?<b>[0-9]+))?$")]
    private static partial Regex SeedRange();
}
