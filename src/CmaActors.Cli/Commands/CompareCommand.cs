using System.CommandLine;
using System.Diagnostics;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tracing;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>cma-actors compare SCENARIO [--workers N]</c>: the scenario under cma, gcma and reservation, side by side; the runs
/// go N at once, and what is printed and written does not depend on N.
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario file, or the name of a built-in scenario" };
        var seed = new Option<int?>("--seed") { Description = "Seed of every run (default: the scenario's)" };
        var duration = new Option<string?>("--duration") { Description = "How long each run lasts, e.g. 90s, 10m (default: the scenario's)" };
        var outDir = new Option<string?>("--out")
        {
            Description = "Folder for the comparison's results.json, report.md and report.html, and each policy's own run files in a folder of its name",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing but errors" };
        var json = new Option<bool>("--json") { Description = "Print results.json to standard output instead of the tables" };
        var diagnostics = new DiagnosticsArguments();
        var sets = OverrideSwitches.CreateOption();
        var lockSort = LockSortArgument.CreateOption();
        var kernel = KernelSwitch.CreateOption();
        var workers = WorkerSwitch.CreateOption();
        var command = new Command("compare", "Run a scenario under every reserved-area policy (cma, gcma, reservation) and compare")
        {
            scenario, seed, duration, outDir, quiet, json, sets, lockSort, kernel, workers,
        };
        diagnostics.AddTo(command);
        command.SetAction(parse => Execute(output, parse.GetValue(scenario)!, parse.GetValue(seed), parse.GetValue(outDir),
            parse.GetValue(quiet), parse.GetValue(json), new RunOptions
            {
                DurationSeconds = parse.GetValue(duration) is { } d ? DurationText.Seconds("--duration", d) : null,
                Diagnostics = diagnostics.Read(parse, withTrace: parse.GetValue(outDir) is not null),
            }, OverrideSwitches.Read(parse.GetValue(sets)), LockSortArgument.Parse(parse.GetValue(lockSort)!), parse.GetValue(kernel),
            WorkerSwitch.Read(parse, workers, cluster: false)));
        return command;
    }

    private static int Execute(CliOutput output, string scenarioArgument, int? seed, string? outDir, bool quiet, bool json,
        RunOptions options, IReadOnlyList<ScenarioOverride> overrides, LockContentionSort sort, string? kernel, int workers)
    {
        var scenario = KernelSwitch.Apply(ScenarioResolver.Resolve(scenarioArgument, overrides), kernel);
        if (scenario.CmaAreas.Count == 0)
            throw new CliInputException($"{scenarioArgument}: the scenario has no reserved area to compare policies on");
        var resultsPath = outDir is null ? null : OutputFolder.Prepare(outDir, "results.json", PolicyComparison.Policies.Select(p => p.ToString().ToLowerInvariant()));
        var console = ConsoleFactory.For(output.Out);
        var clock = Stopwatch.StartNew();
        var traces = new Dictionary<string, TraceRecording?>(StringComparer.Ordinal);
        void Finished(string name, RunOutcome outcome)
        {
            lock (traces)
                traces[name] = outcome.Trace;
        }

        ComparisonResult? result = null;
        if (!quiet && !json && console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    result = PolicyComparison.Run(scenario, seed, (name, now, end) =>
                    {
                        ProgressTask? task;
                        lock (tasks)
                        {
                            if (!tasks.TryGetValue(name, out task))
                                tasks.Add(name, task = context.AddTask(name, maxValue: end / 1e9));
                        }

                        task.Value = now / 1e9;
                    }, options, Finished, workers);
                });
        }
        else
        {
            result = PolicyComparison.Run(scenario, seed, null, options, Finished, workers);
        }

        if (outDir is not null)
            RunOutputs.ForComparison(result!, traces, sort).WriteTo(outDir);
        if (json)
            output.Out.Write(ResultsJson.Serialize(result!));
        else if (!quiet)
            ComparisonSummary.Write(console, result!, clock.Elapsed, workers, resultsPath);
        return result!.Policies.All(p => p.InvariantsHeld) ? ExitCodes.Ok : ExitCodes.Violation;
    }
}
