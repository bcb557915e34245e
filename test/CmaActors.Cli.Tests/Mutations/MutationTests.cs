using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace CmaActors.Cli.Tests.Mutations;

/// <summary>
/// Mutated built-in scenarios, run through the real command line: every one ends in exit 2 with clean messages (the
/// file, a JSON path, the problem; no stack trace, no .NET names) and no output folder, or in a valid run (exit 0)
/// with its files. The suite runs a fixed sample; perf/mutations/run.sh runs 10,000 (CMA_ACTORS_MUTATIONS=N).
/// </summary>
public class MutationTests
{
    private const int SuiteSample = 300;

    [Fact]
    public void Mutated_scenarios_are_refused_cleanly_or_run()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("CMA_ACTORS_MUTATIONS"), out var n) ? n : SuiteSample;
        var seed = Environment.GetEnvironmentVariable("CMA_ACTORS_MUTATIONS_SEED") ?? "0000000000001";
        using var scratch = new TempFolder();
        var refused = 0;
        var ran = 0;
        var threads = int.TryParse(Environment.GetEnvironmentVariable("CMA_ACTORS_MUTATIONS_THREADS"), out var t) ? t : 1;
        var report = Environment.GetEnvironmentVariable("CMA_ACTORS_MUTATIONS_REPORT");
        var clock = Stopwatch.StartNew();
        ScenarioMutator.Scenarios.Sample(mutant =>
        {
            if (MutationRunner.Check(mutant, scratch.Path) == MutationVerdict.Refused)
                Interlocked.Increment(ref refused);
            else
                Interlocked.Increment(ref ran);
            if (report is not null && (Volatile.Read(ref refused) + Volatile.Read(ref ran)) % 250 == 0)
            {
                lock (scratch)
                    File.AppendAllText(report, string.Create(CultureInfo.InvariantCulture,
                        $"progress: {refused + ran} checked, {refused} refused cleanly, {ran} ran, 0 failures so far; {clock.Elapsed.TotalSeconds:F0} s{Environment.NewLine}"));
            }
        }, seed: seed, iter: count, threads: threads, print: m => m.ToString());
        clock.Stop();

        var leftOver = Directory.EnumerateFileSystemEntries(scratch.Path).Count();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{refused + ran} mutated scenarios (seed {seed}): {refused} refused with exit 2 and a clean message, {ran} ran (exit 0); " +
            $"0 crashes, 0 stack traces, {leftOver} left-over folders; {clock.Elapsed.TotalSeconds:F0} s");
        if (report is not null)
            File.AppendAllText(report, summary + Environment.NewLine);
        Assert.Equal(count, refused + ran);
        Assert.Equal(0, leftOver);
        Assert.True(refused > count / 10, summary);
        Assert.True(ran > count / 20, summary);
    }
}
