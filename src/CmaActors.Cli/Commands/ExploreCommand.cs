using System.CommandLine;
using System.Globalization;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>cma-actors explore [SCENARIO] --bug NAME --strategy random|pct [--depth D] [--schedules N] [--seed-start S] [--out FILE] [--workers N]</c>:
/// runs schedules until one breaks an invariant (or the budget is spent), writes its replay file, and minimises it.
/// Several workers run schedules at once and report what one would: the first failing seed in seed order.
/// </summary>
public static class ExploreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file, or the name of a built-in scenario (default: the race scenario of the first --bug)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var bugs = BugSwitches.CreateOption();
        var kernel = KernelSwitch.CreateOption();
        var strategy = new Option<string>("--strategy") { Description = "random or pct", DefaultValueFactory = _ => "random" };
        var depth = new Option<int>("--depth") { Description = "PCT depth: priority-change points + 1", DefaultValueFactory = _ => 3 };
        var schedules = new Option<int>("--schedules") { Description = "Budget of schedules", DefaultValueFactory = _ => 1000 };
        var seedStart = new Option<int>("--seed-start") { Description = "Seed of the first schedule", DefaultValueFactory = _ => 0 };
        var outFile = new Option<string>("--out") { Description = "Replay file to write when a violation is found", DefaultValueFactory = _ => "replay.json" };
        var noMinimise = new Option<bool>("--no-minimise") { Description = "Do not shrink the failing run (by default it is minimised and printed as an interleaving per CPU)" };
        var ranges = new Option<int>("--ranges")
        {
            Description = "Explore this many disjoint seed ranges of --schedules each and report schedules to the first violation (median)",
            DefaultValueFactory = _ => 1,
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };
        var sets = OverrideSwitches.CreateOption();
        var workers = WorkerSwitch.CreateOption();
        var cluster = new ClusterSwitches();
        var command = new Command("explore", "Explore schedules of a scenario until an invariant breaks; write a replay file")
        {
            scenario, bugs, kernel, strategy, depth, schedules, seedStart, outFile, noMinimise, ranges, quiet, sets, workers,
        };
        cluster.AddTo(command);
        command.SetAction(parse =>
        {
            var options = Options(parse.GetValue(strategy)!, parse.GetValue(depth), parse.GetValue(schedules), parse.GetValue(seedStart));
            var explored = KernelSwitch.Apply(Resolve(parse.GetValue(scenario), parse.GetValue(bugs), OverrideSwitches.Read(parse.GetValue(sets))), parse.GetValue(kernel));
            // The replay file names the kernel, so that its scenario with the bugs off runs the same protocol.
            explored = explored with { Kernel = KernelProfiles.For(explored).Name };
            var count = parse.GetValue(ranges);
            if (count < 1)
                throw new CliInputException($"--ranges {count}: must be at least 1");
            if ((long)options.SeedStart + (long)count * options.Schedules - 1 > int.MaxValue)
                throw new CliInputException("--seed-start, --schedules and --ranges go past the largest seed");
            var workerCount = WorkerSwitch.Read(parse, workers, cluster.Requested(parse));
            if (cluster.Requested(parse))
            {
                if (count > 1)
                    throw new CliInputException("--ranges: not with --cluster (explore one range across the cluster)");
                return ExploreOnCluster.Run(output, explored, options, cluster.Read(parse), parse.GetValue(outFile)!, !parse.GetValue(noMinimise),
                    parse.GetValue(quiet));
            }

            return count > 1
                ? Measure(output, explored, options, count, workerCount, parse.GetValue(quiet))
                : Explore(output, explored, options, workerCount, parse.GetValue(outFile)!, !parse.GetValue(noMinimise), parse.GetValue(quiet));
        });
        return command;
    }

    /// <summary>Parses the strategy options.</summary>
    internal static ExplorationOptions Options(string strategy, int depth, int schedules, int seedStart)
    {
        var kind = strategy.ToLowerInvariant() switch
        {
            "random" => ScheduleStrategyKind.Random,
            "pct" => ScheduleStrategyKind.Pct,
            _ => throw new CliInputException($"--strategy {strategy}: expected random or pct"),
        };
        if (depth < 1)
            throw new CliInputException($"--depth {depth}: must be at least 1");
        if (schedules < 1)
            throw new CliInputException($"--schedules {schedules}: must be at least 1");
        if (seedStart < 0)
            throw new CliInputException($"--seed-start {seedStart}: must be at least 0");
        return new ExplorationOptions { Strategy = kind, Depth = depth, Schedules = schedules, SeedStart = seedStart };
    }

    private static Scenario Resolve(string? argument, string[]? bugs, IReadOnlyList<ScenarioOverride> overrides)
    {
        if (argument is null)
        {
            var first = bugs?.FirstOrDefault() ?? throw new CliInputException("give a scenario, or a --bug whose race scenario to explore");
            var bug = HistoricalBugs.Find(first) ?? throw new CliInputException($"--bug {first}: unknown bug (known: {string.Join(", ", HistoricalBugs.Names)})");
            argument = bug.Scenario;
        }

        return BugSwitches.Apply(ScenarioResolver.Resolve(argument, overrides), bugs);
    }

    private static int Explore(CliOutput output, Scenario scenario, ExplorationOptions options, int workers, string outFile, bool minimise, bool quiet)
    {
        var console = ConsoleFactory.For(output.Out);
        var result = WithProgress(console, quiet, $"exploring {scenario.Name}", options.Schedules,
            progress => ScheduleExplorer.Explore(() => new ScenarioScheduleTarget(scenario), options, workers, progress));

        return Report(output, scenario, result, outFile, minimise);
    }

    /// <summary>Prints an exploration's result; on a violation writes its replay file (and the minimised one).</summary>
    internal static int Report(CliOutput output, Scenario scenario, ExplorationResult result, string outFile, bool minimise)
    {
        output.Out.WriteLine(Summary(scenario, result));
        if (!result.Found)
        {
            output.Out.WriteLine($"no violation in {Words.Count(result.SchedulesRun, "schedule")}");
            return ExitCodes.Ok;
        }

        var failure = result.Outcome!.Failure!;
        FailureText.Write(output.Err, result.FailingSchedule!, failure);
        var replay = ReplayFile.For(scenario, result.FailingSchedule!, failure);
        WriteReplay(outFile, replay);
        output.Out.WriteLine($"violation at schedule {result.SchedulesRun:N0} (seed {result.FailingSchedule!.Seed}); replay file: {outFile}");
        if (minimise)
            Minimise(output, replay, MinimisedPath(outFile));
        return ExitCodes.Violation;
    }

    /// <summary>Minimises <paramref name="replay"/>, prints the interleaving and writes the minimised replay file.</summary>
    internal static void Minimise(CliOutput output, ReplayFile replay, string outFile)
    {
        var run = ScenarioMinimiser.Minimise(replay);
        FailureText.WriteMinimised(output.Out, run);
        WriteReplay(outFile, run.Replay);
        output.Out.WriteLine($"minimised replay file: {outFile}");
    }

    /// <summary>"replay.json" → "replay.min.json".</summary>
    internal static string MinimisedPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + ".min" + Path.GetExtension(path));

    /// <summary>Writes a replay file; an unwritable path is bad input.</summary>
    internal static void WriteReplay(string path, ReplayFile replay)
    {
        try
        {
            ReplayFiles.Write(path, replay);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"--out {path}: {e.Message}");
        }
    }

    private static int Measure(CliOutput output, Scenario scenario, ExplorationOptions options, int ranges, int workers, bool quiet)
    {
        var console = ConsoleFactory.For(output.Out);
        var found = new List<int>();
        var schedules = 0L;
        var steps = 0L;
        var wall = TimeSpan.Zero;
        var targets = Enumerable.Range(0, workers).Select(_ => new ScenarioScheduleTarget(scenario)).ToList();
        try
        {
            WithProgress(console, quiet, $"exploring {scenario.Name} × {Words.Count(ranges, "range")}", ranges * options.Schedules, progress =>
            {
                for (var i = 0; i < ranges; i++)
                {
                    var range = options with { SeedStart = options.SeedStart + i * options.Schedules };
                    var done = i * options.Schedules;
                    var result = ScheduleExplorer.Explore(targets, range, run => progress(done + run));
                    schedules += result.SchedulesRun;
                    steps += result.Steps;
                    wall += result.Elapsed;
                    if (result.Found)
                        found.Add(result.SchedulesRun);
                    output.Out.WriteLine($"  seeds {range.SeedStart}..{range.SeedStart + options.Schedules - 1}: " +
                                         (result.Found ? $"violation at schedule {result.SchedulesRun} ({result.Outcome!.Failure!.Rule})" : "none"));
                }

                return 0;
            });
        }
        finally
        {
            foreach (var target in targets)
                target.Dispose();
        }

        found.Sort();
        // A range that found nothing counts as more than its budget: the median is over every range.
        var all = found.Concat(Enumerable.Repeat(int.MaxValue, ranges - found.Count)).ToList();
        var median = found.Count * 2 <= ranges
            ? $"> {options.Schedules}"
            : Median(all).ToString("0.#", CultureInfo.InvariantCulture);
        output.Out.WriteLine($"{BugSwitches.Label(scenario.Name, scenario.Bugs)} {Describe(options)}: found in {found.Count}/{Words.Count(ranges, "range")} of " +
                             $"{Words.Count(options.Schedules, "schedule")}; schedules to first violation: median {median}" +
                             (found.Count > 0 ? $", min {found[0]}, max {found[^1]}" : "") +
                             $"; {schedules / Math.Max(wall.TotalSeconds, 1e-9):N0} schedules/s{OnWorkers(workers)}, {Words.Count(steps / Math.Max(schedules, 1), "delivery", "deliveries")} per schedule");
        return found.Count > 0 ? ExitCodes.Violation : ExitCodes.Ok;
    }

    /// <summary>The median of sorted values.</summary>
    internal static double Median(IReadOnlyList<int> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;

    /// <summary>Runs <paramref name="work"/> under a progress bar described by <paramref name="what"/> (none when quiet or not a terminal).</summary>
    internal static T WithProgress<T>(IAnsiConsole console, bool quiet, string what, int total, Func<Action<int>, T> work)
    {
        if (quiet || !console.Profile.Capabilities.Interactive)
            return work(_ => { });
        T? result = default;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(what), maxValue: total);
                result = work(done => task.Value = done);
            });
        return result!;
    }

    private static string Describe(ExplorationOptions o) =>
        o.Strategy == ScheduleStrategyKind.Pct ? $"pct depth {o.Depth}" : "random";

    private static string Summary(Scenario scenario, ExplorationResult r) =>
        $"{BugSwitches.Label(scenario.Name, scenario.Bugs)} {Describe(r.Options)}" +
        (r.Options.Strategy == ScheduleStrategyKind.Pct ? $" (horizon {r.Options.Horizon})" : "") +
        $": {Words.Count(r.SchedulesRun, "schedule")} in {r.Elapsed.TotalSeconds:F1} s ({r.SchedulesPerSecond:N0}/s{OnWorkers(r.Workers)}, " +
        $"{Words.Count(r.Steps / Math.Max(r.SchedulesRun, 1), "delivery", "deliveries")} per schedule)";

    private static string OnWorkers(int workers) => workers > 1 ? $" on {WorkerSwitch.Label(workers)}" : "";
}
