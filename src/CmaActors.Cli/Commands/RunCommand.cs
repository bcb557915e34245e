using System.CommandLine;
using System.Diagnostics;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors run [SCENARIO] [--seed N] [--out DIR]</c>: runs a scenario and summarises it.</summary>
public static class RunCommand
{
    /// <summary>Runs shorter than this (wall time) show no progress bar.</summary>
    public static readonly TimeSpan ProgressAfter = TimeSpan.FromSeconds(2);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file, or the name of a built-in scenario (default: 'default')",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var seed = new Option<int?>("--seed") { Description = "Seed of the run (default: the scenario's)" };
        var outDir = new Option<string?>("--out")
        {
            Description = "Folder for results.json, report.md, report.html, lock_stat, trace.json and proc/ snapshots",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing but errors" };
        var json = new Option<bool>("--json") { Description = "Print results.json to standard output instead of the summary" };
        var policy = new Option<AreaPolicy?>("--policy") { Description = "Run every reserved area under this policy: cma, gcma or reservation" };
        var diagnostics = new DiagnosticsArguments();

        var command = new Command("run", "Run a scenario in deterministic simulation and print a summary")
        {
            scenario, seed, outDir, quiet, json, policy,
        };
        diagnostics.AddTo(command);
        command.SetAction(parse => Execute(output, parse.GetValue(scenario), parse.GetValue(seed), parse.GetValue(outDir),
            parse.GetValue(quiet), parse.GetValue(json), parse.GetValue(policy), diagnostics.Read(parse, withTrace: parse.GetValue(outDir) is not null)));
        return command;
    }

    private static int Execute(CliOutput output, string? scenarioArgument, int? seed, string? outDir, bool quiet, bool json, AreaPolicy? policy,
        DiagnosticsOptions diagnostics)
    {
        var scenario = ScenarioResolver.Resolve(scenarioArgument);
        if (policy is { } areaPolicy)
            scenario = scenario.WithAreaPolicy(areaPolicy);
        var resultsPath = outDir is null ? null : OutputFolder.Prepare(outDir, "results.json");
        var console = ConsoleFactory.For(output.Out);
        var showProgress = !quiet && !json && console.Profile.Capabilities.Interactive;

        var clock = Stopwatch.StartNew();
        var outcome = Run(console, scenario, new RunOptions { Seed = seed, Diagnostics = diagnostics }, showProgress);
        clock.Stop();

        IReadOnlyList<string> written = [];
        if (outDir is not null)
            written = RunOutputs.For(outcome).WriteTo(outDir);

        if (json)
            output.Out.Write(ResultsJson.Serialize(outcome.Result));
        else if (!quiet)
            RunSummary.Write(console, outcome, clock.Elapsed, resultsPath, written.Count);

        if (outcome.Result.Violation is { } violation)
        {
            ViolationText.Write(output.Err, violation);
            return ExitCodes.Violation;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Runs the scenario; past <see cref="ProgressAfter"/> of wall time, with a progress bar when one can be shown.</summary>
    private static RunOutcome Run(IAnsiConsole console, Scenario scenario, RunOptions options, bool showProgress)
    {
        using var run = ScenarioRun.Create(scenario, options);
        run.Start();
        var wall = Stopwatch.StartNew();
        while (wall.Elapsed < ProgressAfter && run.Advance())
        {
        }

        if (run.Finished || !showProgress)
        {
            run.RunToEnd();
            return run.Outcome();
        }

        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Description(run), maxValue: run.EndNs / 1e9);
                task.Value = run.NowNs / 1e9;
                while (run.Advance())
                {
                    task.Value = run.NowNs / 1e9;
                    task.Description = Description(run);
                }

                task.Value = task.MaxValue;
            });
        return run.Outcome();
    }

    private static string Description(ScenarioRun run) => $"virtual time {run.NowNs / 1e9,6:F1} s of {run.EndNs / 1e9:F0} s";
}
