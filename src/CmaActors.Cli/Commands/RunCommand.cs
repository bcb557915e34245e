using System.CommandLine;
using System.Diagnostics;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors run [SCENARIO] [--seed N] [--out DIR] [--bug NAME]</c>: runs a scenario and summarises it.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file, or the name of a built-in scenario (default: 'default')",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var seed = new Option<int?>("--seed") { Description = "Seed of the run (default: the scenario's)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for results.json" };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing but errors" };
        var json = new Option<bool>("--json") { Description = "Print results.json to standard output instead of the summary" };
        var policy = new Option<AreaPolicy?>("--policy") { Description = "Run every reserved area under this policy: cma, gcma or reservation" };
        var bugs = BugSwitches.CreateOption();

        var command = new Command("run", "Run a scenario in deterministic simulation and print a summary")
        {
            scenario, seed, outDir, quiet, json, policy, bugs,
        };
        command.SetAction(parse => Execute(output, parse.GetValue(scenario), parse.GetValue(seed), parse.GetValue(outDir),
            parse.GetValue(quiet), parse.GetValue(json), parse.GetValue(policy), parse.GetValue(bugs)));
        return command;
    }

    private static int Execute(CliOutput output, string? scenarioArgument, int? seed, string? outDir, bool quiet, bool json, AreaPolicy? policy,
        string[]? bugs)
    {
        var scenario = BugSwitches.Apply(ScenarioResolver.Resolve(scenarioArgument), bugs);
        if (policy is { } areaPolicy)
            scenario = scenario.WithAreaPolicy(areaPolicy);
        var resultsPath = outDir is null ? null : OutputFolder.Prepare(outDir, "results.json");
        var console = ConsoleFactory.For(output.Out);
        var showProgress = !quiet && !json && console.Profile.Capabilities.Interactive;

        var clock = Stopwatch.StartNew();
        var outcome = showProgress
            ? RunWithProgress(console, scenario, seed)
            : ScenarioRunner.Run(scenario, new RunOptions { Seed = seed });
        clock.Stop();

        var text = ResultsJson.Serialize(outcome.Result);
        if (resultsPath is not null)
            ResultsJson.WriteAtomically(resultsPath, text);

        if (json)
            output.Out.Write(text);
        else if (!quiet)
            RunSummary.Write(console, outcome.Result, clock.Elapsed, resultsPath);

        if (outcome.Result.Violation is { } violation)
        {
            ViolationText.Write(output.Err, violation);
            return ExitCodes.Violation;
        }

        return ExitCodes.Ok;
    }

    private static RunOutcome RunWithProgress(IAnsiConsole console, Scenario scenario, int? seed)
    {
        RunOutcome? outcome = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("virtual time", maxValue: scenario.DurationSeconds);
                outcome = ScenarioRunner.Run(scenario, new RunOptions
                {
                    Seed = seed,
                    Progress = (now, end) =>
                    {
                        task.Value = now / 1e9;
                        task.Description = $"virtual time {now / 1e9,6:F1} s of {end / 1e9:F0} s";
                    },
                });
            });
        return outcome!;
    }
}
