using System.CommandLine;
using System.Diagnostics;
using CmaActors.Cli.Output;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tracing;
using CmaActors.Runtime;
using Spectre.Console;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>cma-actors run [SCENARIO] [--seed N] [--out DIR] [--mode simulation|parallel] [--duration D] [--spend none|busy]
/// [--threads N] [--check-every D] [--report-every D] [--bug NAME]... [--kernel NAME]</c>: runs a scenario and summarises it.
/// </summary>
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
        var policy = EnumOption.Create<AreaPolicy>("--policy", "Run every reserved area under this policy");
        var diagnostics = new DiagnosticsArguments();
        var mode = EnumOption.Create<RunMode>("--mode",
            "simulation (deterministic, virtual time) or parallel (Akka.NET's dispatcher on every core, wall time); default: the scenario's");
        var duration = new Option<string?>("--duration") { Description = "How long to run, e.g. 90s, 10m, 1h (default: the scenario's)" };
        var spend = EnumOption.Create<SpendMode>("--spend", "Parallel mode: cost-model time is free (none) or busy-waited (busy)");
        var threads = new Option<int?>("--threads") { Description = "Parallel mode: dispatcher threads (0: the .NET thread pool, every core)" };
        var checkEvery = new Option<string?>("--check-every")
        {
            Description = "Also walk every invariant this often in run time, e.g. 30s (parallel mode: stop the load, drain, check, go on)",
        };
        var reportEvery = new Option<string?>("--report-every") { Description = "Parallel mode: a report line this often, e.g. 10s (default 60s)" };
        var bugs = BugSwitches.CreateOption();
        var sets = OverrideSwitches.CreateOption();
        var traceAround = TraceAround.CreateOption();
        var lockSort = LockSortArgument.CreateOption();
        var kernel = KernelSwitch.CreateOption();

        var command = new Command("run", "Run a scenario (deterministic simulation by default, or in parallel) and print a summary")
        {
            scenario, seed, outDir, quiet, json, policy, mode, duration, spend, threads, checkEvery, reportEvery, bugs, sets, traceAround, lockSort, kernel,
        };
        diagnostics.AddTo(command);
        command.SetAction(parse =>
        {
            var options = new RunOptions
            {
                Seed = parse.GetValue(seed),
                Mode = parse.GetValue(mode),
                DurationSeconds = parse.GetValue(duration) is { } d ? DurationText.Seconds("--duration", d) : null,
                Spend = parse.GetValue(spend),
                Threads = parse.GetValue(threads) is { } n ? Threads(n) : null,
                CheckEverySeconds = parse.GetValue(checkEvery) is { } c ? DurationText.Seconds("--check-every", c, allowZero: true) : null,
                ReportEverySeconds = parse.GetValue(reportEvery) is { } r ? DurationText.Seconds("--report-every", r) : null,
                Diagnostics = diagnostics.Read(parse, withTrace: parse.GetValue(outDir) is not null),
            };
            var formats = new KernelFormats(LockSortArgument.Parse(parse.GetValue(lockSort)!),
                parse.GetValue(traceAround) is { } around ? TraceAround.ParseCentre(around) is { } at ? at : -1 : null);
            if (formats.AroundNs is not null && parse.GetValue(outDir) is null)
                throw new CliInputException("--trace-around: the trace files are written with --out; give an output folder");
            return Execute(output, parse.GetValue(scenario), options, parse.GetValue(outDir), parse.GetValue(quiet), parse.GetValue(json),
                parse.GetValue(policy), parse.GetValue(bugs), OverrideSwitches.Read(parse.GetValue(sets)), formats, parse.GetValue(kernel));
        });
        return command;
    }

    /// <summary>The lock report's sort key, and the trace windows' centre: null none, -1 the worst wait, else a virtual time (ns).</summary>
    private sealed record KernelFormats(LockContentionSort Sort, long? AroundNs);

    private static int Execute(CliOutput output, string? scenarioArgument, RunOptions options, string? outDir, bool quiet, bool json,
        AreaPolicy? policy, string[]? bugs, IReadOnlyList<ScenarioOverride> overrides, KernelFormats formats, string? kernel)
    {
        var scenario = KernelSwitch.Apply(BugSwitches.Apply(ScenarioResolver.Resolve(scenarioArgument, overrides), bugs), kernel);
        if (policy is { } areaPolicy)
            scenario = scenario.WithAreaPolicy(areaPolicy);
        var resultsPath = outDir is null ? null : OutputFolder.Prepare(outDir, "results.json");
        var console = ConsoleFactory.For(output.Out);
        var parallel = (options.Mode ?? scenario.Mode) == RunMode.Parallel;
        var showProgress = !quiet && !json && !parallel && console.Profile.Capabilities.Interactive;
        if (parallel && !quiet && !json)
            options = options with { Interval = line => output.Out.WriteLine(IntervalLine.Format(line)) };

        if (formats.AroundNs is not null && parallel)
            throw new CliInputException("--trace-around: parallel runs are not repeatable, so no first run can find the wait again; use simulation mode");
        var clock = Stopwatch.StartNew();
        if (formats.AroundNs is { } aroundNs && options.Diagnostics.Trace is { } trace)
            options = options with { Diagnostics = options.Diagnostics with { Trace = CentredTrace(output, console, scenario, options, trace, aroundNs, quiet || json) } };
        var outcome = Run(console, scenario, options, showProgress);
        clock.Stop();
        outcome = outcome with { Result = outcome.Result with { Overrides = overrides.Select(o => o.Text).ToList() } };

        IReadOnlyList<string> written = [];
        if (outDir is not null)
            written = RunOutputs.For(outcome, formats.Sort).WriteTo(outDir);

        if (json)
            output.Out.Write(ResultsJson.Serialize(outcome.Result));
        else if (!quiet)
            RunSummary.Write(console, outcome, clock.Elapsed, resultsPath, written.Count, formats.Sort);

        if (outcome.Result.Violation is { } violation)
        {
            ViolationText.Write(output.Err, violation);
            return ExitCodes.Violation;
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The trace settings centred on <paramref name="aroundNs"/> (a virtual time), or with -1 on the worst lock wait of a
    /// first run of the same scenario without a trace (the same run: simulation is deterministic).
    /// </summary>
    private static TraceSettings CentredTrace(CliOutput output, IAnsiConsole console, Scenario scenario, RunOptions options, TraceSettings trace,
        long aroundNs, bool silent)
    {
        if (aroundNs >= 0)
            return TraceAround.At(trace, aroundNs);
        if (!silent)
            console.MarkupLine("--trace-around worst-wait: a first run finds the worst wait, a second, identical run traces around it");
        var first = Run(console, scenario, options with { Diagnostics = options.Diagnostics with { Trace = null } }, !silent && console.Profile.Capabilities.Interactive);
        if (WorstWaitText.Worst(first.Result.Locks) is not { } worst)
        {
            output.Err.WriteLine("--trace-around worst-wait: no lock was contended in this run; the trace keeps its usual window");
            return trace;
        }

        var label = LockLabel.Of(WorstWaitText.LockOf(first.Result.Locks, worst)!);
        return TraceAround.Around(trace, worst, label);
    }

    private static int Threads(int threads) =>
        threads is >= 0 and <= 1024 ? threads : throw new CliInputException($"--threads {threads}: must be in [0, 1024] (0 = the .NET thread pool)");

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

    private static string Description(ScenarioRun run) => $"virtual time {Math.Min(run.NowNs, run.EndNs) / 1e9,6:F1} s of {run.EndNs / 1e9:F0} s";
}
