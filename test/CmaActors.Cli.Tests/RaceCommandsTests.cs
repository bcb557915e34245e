namespace CmaActors.Cli.Tests;

public sealed class RaceCommandsTests
{
    [Fact]
    public void Bugs_lists_every_historical_bug_with_its_fix()
    {
        var run = CliRunner.InProcess("bugs");
        Assert.Equal(0, run.ExitCode);
        foreach (var name in new[] { "stale-pcp-migratetype", "merge-across-isolated", "no-contig-mutex", "stale-ebusy" })
            Assert.Contains(name, run.Out);
        Assert.Contains("60a60e32cf91", run.Out);
        var names = CliRunner.InProcess("bugs", "--names");
        Assert.Contains("R8 no-contig-mutex race-contig", names.Out);
    }

    [Fact]
    public void Explore_finds_the_bug_writes_a_replay_file_and_replay_reproduces_it_at_the_same_step()
    {
        using var temp = new TempFolder();
        var file = temp.File("r8.json");
        var explore = CliRunner.InProcess("explore", "--bug", "no-contig-mutex", "--schedules", "50", "--quiet", "--minimise", "--out", file);
        Assert.True(explore.ExitCode != 0, "a violation found is a failing exploration");
        Assert.Contains("INVARIANT VIOLATED: isolation-exclusive", explore.Out + explore.Err);
        Assert.Contains("CPU 0", explore.Out);
        Assert.True(File.Exists(file));
        Assert.True(File.Exists(temp.File("r8.min.json")));

        var step = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("expected").GetProperty("step").GetInt64();
        var replay = CliRunner.InProcess("replay", file);
        Assert.Contains($"reproduced 1 time: isolation-exclusive at step {step}", replay.Out);
        var minimised = CliRunner.InProcess("replay", temp.File("r8.min.json"));
        Assert.Contains("reproduced", minimised.Out);
    }

    [Fact]
    public void Explore_of_the_fixed_kernel_finds_nothing_and_writes_no_file()
    {
        using var temp = new TempFolder();
        var file = temp.File("none.json");
        var explore = CliRunner.InProcess("explore", "race-contig", "--schedules", "30", "--quiet", "--out", file);
        Assert.Equal(0, explore.ExitCode);
        Assert.Contains("no violation in 30 schedules", explore.Out);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Unknown_bug_is_a_one_line_error()
    {
        var run = CliRunner.InProcess("explore", "--bug", "no-such-bug", "--quiet");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bug no-such-bug: unknown bug", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void A_replay_file_that_is_not_one_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var file = temp.Write("bad.json", "{ \"version\": 1 }");
        var run = CliRunner.InProcess("replay", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.json", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }
}
