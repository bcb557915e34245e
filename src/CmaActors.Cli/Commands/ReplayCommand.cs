using System.CommandLine;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Reports;

namespace CmaActors.Cli.Commands;

/// <summary><c>cma-actors replay FILE [--repeat N] [--minimise]</c>: runs a recorded schedule again and checks it breaks the same rule at the same step.</summary>
public static class ReplayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "A replay file written by 'explore' (or --minimise)" };
        var repeat = new Option<int>("--repeat") { Description = "Run the schedule this many times, each on a new actor system", DefaultValueFactory = _ => 1 };
        var minimise = new Option<bool>("--minimise") { Description = "Shrink the failing run and print it as an interleaving per CPU" };
        var outFile = new Option<string?>("--out") { Description = "Minimised replay file (default: FILE with .min before the extension)" };
        var command = new Command("replay", "Run a recorded schedule again and check it reproduces its violation")
        {
            file, repeat, minimise, outFile,
        };
        command.SetAction(parse => Execute(output, parse.GetValue(file)!, parse.GetValue(repeat), parse.GetValue(minimise), parse.GetValue(outFile)));
        return command;
    }

    private static int Execute(CliOutput output, string path, int repeat, bool minimise, string? outFile)
    {
        if (repeat < 1)
            throw new CliInputException($"--repeat {repeat}: must be at least 1");
        var replay = ReplayFiles.Load(path);
        var expected = replay.Expected;
        output.Out.WriteLine($"{BugSwitches.Label(replay.Scenario.Name, replay.Bugs)} {replay.Schedule}: expecting {expected.Rule} at step {expected.Step}, pfn {expected.Pfn}");
        for (var i = 1; i <= repeat; i++)
        {
            using var target = new ScenarioScheduleTarget(replay.ScenarioWithBugs);
            var outcome = target.Run(replay.Schedule.CreateStrategy());
            if (!replay.IsReproducedBy(outcome.Failure))
            {
                var got = outcome.Failure is { } f ? $"{f.Rule} at step {f.Step}, pfn {f.Subject}" : $"no violation in {Words.Count(outcome.Steps, "delivery", "deliveries")}";
                output.Error($"run {i} did not reproduce the recorded violation: got {got}");
                if (outcome.Failure is { } other)
                    FailureText.Write(output.Err, replay.Schedule, other);
                return ExitCodes.Failure;
            }

            if (i == 1)
                FailureText.Write(output.Err, replay.Schedule, outcome.Failure!);
        }

        output.Out.WriteLine($"reproduced {Words.Count(repeat, "time")}: {expected.Rule} at step {expected.Step}, pfn {expected.Pfn}");
        if (minimise)
            ExploreCommand.Minimise(output, replay, outFile ?? ExploreCommand.MinimisedPath(path));
        return ExitCodes.Violation;
    }
}
