using System.Text.Json;
using System.Text.RegularExpressions;
using CmaActors.Emulator.Bugs;

namespace CmaActors.Cli.Tests;

public sealed class RaceCommandTests
{
    [Fact]
    public void Explore_finds_a_switched_on_bug_writes_a_replay_file_and_replay_reproduces_it_at_the_same_step()
    {
        using var temp = new TempFolder();
        // The replay goes to a folder that does not exist yet.
        var replayPath = Path.Combine(temp.File("replays"), "r8.json");
        var explore = CliRunner.InProcess("explore", "--bug", "no-contig-mutex", "--strategy", "random", "--schedules", "200", "--out", replayPath, "--quiet");
        Assert.True(explore.ExitCode == ExitCodes.Violation, explore.Out + explore.Err);
        Assert.Contains("INVARIANT VIOLATED: isolation-exclusive", explore.Err);
        Assert.Contains("last ", explore.Err);
        Assert.Contains("replay file: " + replayPath, explore.Out);
        // The minimised run is printed as a numbered interleaving with a column per CPU.
        Assert.Contains("CPU 0", explore.Out);
        Assert.Contains("CPU 1", explore.Out);
        Assert.True(File.Exists(Path.Combine(temp.File("replays"), "r8.min.json")));
        // Messages are shown by their own text: no .NET type names, a timer's message without Akka's wrapper.
        Assert.DoesNotContain("CmaActors.", explore.Err);
        Assert.DoesNotContain("Akka.", explore.Err);
        Assert.Contains("StartRequest { } (timer)", explore.Err);
        Assert.False(File.Exists(replayPath + ".tmp"));

        using var recorded = JsonDocument.Parse(File.ReadAllText(replayPath));
        var expected = recorded.RootElement.GetProperty("expected");
        var step = expected.GetProperty("step").GetInt64();
        Assert.Equal("isolation-exclusive", expected.GetProperty("rule").GetString());

        var replay = CliRunner.InProcess("replay", replayPath, "--repeat", "2");
        Assert.True(replay.ExitCode == ExitCodes.Violation, replay.Out + replay.Err);
        Assert.Contains($"reproduced 2 times: isolation-exclusive at step {step}", replay.Out);

        var minimised = CliRunner.InProcess("replay", Path.Combine(temp.File("replays"), "r8.min.json"));
        Assert.True(minimised.ExitCode == ExitCodes.Violation, minimised.Out + minimised.Err);
        Assert.Contains("reproduced 1 time: isolation-exclusive", minimised.Out);
    }

    [Fact]
    public void Replay_fails_when_the_recorded_violation_does_not_happen()
    {
        using var temp = new TempFolder();
        var replayPath = temp.File("r8.json");
        var explore = CliRunner.InProcess("explore", "--bug", "R8", "--schedules", "200", "--out", replayPath, "--quiet", "--no-minimise");
        Assert.Equal(ExitCodes.Violation, explore.ExitCode);

        // The same schedule with the bug switched off again runs clean: the replay must say so and fail.
        var text = File.ReadAllText(replayPath).Replace("\"no-contig-mutex\"", "", StringComparison.Ordinal);
        var fixedKernel = temp.Write("fixed.json", text);
        var replay = CliRunner.InProcess("replay", fixedKernel);
        Assert.Equal(ExitCodes.Failure, replay.ExitCode);
        Assert.Contains("did not reproduce", replay.Err);
    }

    [Fact]
    public void Unknown_bug_is_a_one_line_error_with_exit_code_2_and_no_replay_file()
    {
        using var temp = new TempFolder();
        var explore = CliRunner.InProcess("explore", "race-contig", "--bug", "no-such-bug", "--out", temp.File("r.json"));
        Assert.Equal(ExitCodes.BadInput, explore.ExitCode);
        Assert.StartsWith("error: --bug no-such-bug: unknown bug", explore.Err);
        Assert.DoesNotContain(" at ", explore.Err);
        Assert.False(File.Exists(temp.File("r.json")));

        var run = CliRunner.InProcess("run", "race-contig", "--bug", "no-such-bug", "--quiet");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("unknown bug", run.Err);
    }

    [Fact]
    public void Malformed_replay_file_is_reported_with_its_path_and_exit_code_2()
    {
        using var temp = new TempFolder();
        var path = temp.Write("bad.json", "{ \"version\": 1, \"seed\": ");
        var replay = CliRunner.InProcess("replay", path);
        Assert.Equal(ExitCodes.BadInput, replay.ExitCode);
        Assert.Contains(path, replay.Err);
        Assert.Single(replay.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Bugs_lists_every_historical_bug_with_its_race_id()
    {
        var bugs = CliRunner.InProcess("bugs");
        Assert.Equal(ExitCodes.Ok, bugs.ExitCode);
        foreach (var bug in HistoricalBugs.All)
        {
            Assert.Contains(bug.Name, bugs.Out);
            Assert.Contains(bug.RaceId, bugs.Out);
        }
    }

    [Fact]
    public void Bugs_names_gives_a_line_per_bug_for_scripts()
    {
        var names = CliRunner.InProcess("bugs", "--names");
        Assert.Equal(ExitCodes.Ok, names.ExitCode);
        Assert.Contains("R8 no-contig-mutex race-contig", names.Out);
        Assert.Equal(HistoricalBugs.All.Count, names.Out.Trim().Split('\n').Length);
    }

    [Fact]
    public void Explore_of_the_fixed_kernel_finds_nothing_and_writes_no_file()
    {
        using var temp = new TempFolder();
        var file = temp.File("none.json");
        var explore = CliRunner.InProcess("explore", "race-contig", "--schedules", "30", "--quiet", "--out", file);
        Assert.Equal(ExitCodes.Ok, explore.ExitCode);
        Assert.Contains("no violation in 30 schedules", explore.Out);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Explore_on_two_workers_finds_the_seed_one_worker_finds_and_writes_the_same_files()
    {
        using var temp = new TempFolder();
        CliRunner.Run Explore(string workers) =>
            CliRunner.InProcess("explore", "--bug", "R5", "--schedules", "200", "--workers", workers, "--out", temp.File($"w{workers}/replay.json"));
        var one = Explore("1");
        var two = Explore("2");
        Assert.True(one.ExitCode == ExitCodes.Violation, one.Out + one.Err);
        Assert.Equal(one.ExitCode, two.ExitCode);
        Assert.Contains("/s on 2 workers, ", two.Out);
        Assert.DoesNotContain(" workers", one.Out);
        Assert.Contains("violation at schedule 38 (seed 37)", two.Out);
        Assert.Equal(WithoutWallClock(one.Out).Replace("/w1/", "/w2/", StringComparison.Ordinal), WithoutWallClock(two.Out));
        Assert.Equal(one.Err, two.Err);
        foreach (var file in new[] { "replay.json", "replay.min.json" })
            Assert.Equal(File.ReadAllBytes(temp.File("w1/" + file)), File.ReadAllBytes(temp.File("w2/" + file)));
    }

    [Theory]
    [InlineData(new[] { "explore", "race-contig", "--workers", "0" }, "error: --workers 0: must be in [1, 1024]")]
    [InlineData(new[] { "explore", "race-contig", "--workers", "2", "--cluster", "127.0.0.1:4053" }, "error: --workers: not with --cluster")]
    public void Bad_workers_are_bad_input(string[] args, string message)
    {
        var run = CliRunner.InProcess(args);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith(message, run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void Explore_ranges_on_two_workers_report_what_one_reports()
    {
        string[] args = ["explore", "--bug", "R5", "--schedules", "40", "--ranges", "3", "--quiet", "--out", "unused.json", "--workers"];
        var one = CliRunner.InProcess([.. args, "1"]);
        var two = CliRunner.InProcess([.. args, "2"]);
        Assert.Equal(ExitCodes.Violation, one.ExitCode);
        Assert.Contains("seeds 0..39: violation at schedule 38", one.Out);
        Assert.Contains(" schedules/s on 2 workers, ", two.Out);
        Assert.Equal(WithoutWallClock(one.Out), WithoutWallClock(two.Out));
    }

    /// <summary>The output with the throughput figures (wall-clock, and the workers that ran) cut out.</summary>
    private static string WithoutWallClock(string output) =>
        Regex.Replace(output, @"in [0-9.]+ s \([0-9,]+/s( on \d+ workers)?|; [0-9,]+ schedules/s( on \d+ workers)?", "…");

    [Fact]
    public void Explore_ranges_counts_a_range_without_a_violation_as_beyond_the_budget()
    {
        var explore = CliRunner.InProcess("explore", "race-contig", "--schedules", "5", "--ranges", "3", "--quiet", "--out", "unused.json");
        Assert.Contains("found in 0/3 ranges of 5 schedules; schedules to first violation: median > 5", explore.Out);
    }
}
