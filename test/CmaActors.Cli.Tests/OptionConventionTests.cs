using System.Text.Json;

namespace CmaActors.Cli.Tests;

/// <summary>One convention across commands: enum values in lowercase, every time option a duration with a unit.</summary>
public sealed class OptionConventionTests
{
    [Fact]
    public void Help_shows_enum_values_in_lowercase_and_they_are_accepted_in_any_case()
    {
        var help = CliRunner.InProcess("run", "--help");
        Assert.Contains("--mode <simulation|parallel>", help.Out);
        Assert.Contains("--policy <cma|gcma|reservation>", help.Out);
        Assert.Contains("--spend <none|busy>", help.Out);
        Assert.DoesNotContain("Simulation|", help.Out);

        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("run", scenario, "--mode", "Simulation", "--policy", "GCMA", "--duration", "0.2s", "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("gcma", doc.RootElement.GetProperty("cma").GetProperty("areas")[0].GetProperty("policy").GetString());
    }

    [Fact]
    public void Time_options_take_units_and_a_bare_number_is_seconds()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var inMs = CliRunner.InProcess("run", scenario, "--out", temp.File("ms"), "--quiet", "--trace-from", "600ms", "--snapshot-every", "250ms");
        var inS = CliRunner.InProcess("run", scenario, "--out", temp.File("s"), "--quiet", "--trace-from", "0.6", "--snapshot-every", "0.25s");
        Assert.True(inMs.ExitCode == 0 && inS.ExitCode == 0, inMs.Err + inS.Err);
        Assert.Equal(File.ReadAllBytes(temp.File("ms/trace.json")), File.ReadAllBytes(temp.File("s/trace.json")));
        using var trace = JsonDocument.Parse(File.ReadAllText(temp.File("ms/trace.json")));
        Assert.InRange(trace.RootElement.GetProperty("otherData").GetProperty("windowFromNs").GetInt64(), 600_000_000, 700_000_000);
        // Snapshots at 0, 0.25, 0.5, 0.75 and the end (1 s).
        Assert.Equal(5, Directory.GetDirectories(temp.File("ms/proc")).Length);

        var bad = CliRunner.InProcess("run", scenario, "--out", temp.File("bad"), "--trace-from", "soon");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--trace-from 'soon': expected a time such as 90s, 500ms", bad.Err);
    }

    [Fact]
    public void Compare_takes_a_duration()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("compare", scenario, "--duration", "300ms", "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        var runs = doc.RootElement.GetProperty("runs").EnumerateObject().ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(300_000_000, r.Value.GetProperty("virtualTimeNs").GetInt64()));
    }

    [Fact]
    public void Counted_nouns_are_singular_for_one_and_a_scenario_without_bugs_has_no_empty_brackets()
    {
        var explore = CliRunner.InProcess("explore", "race-contig", "--schedules", "1", "--quiet", "--out", "unused.json");
        Assert.True(explore.ExitCode == 0, explore.Err);
        Assert.Contains("race-contig random: 1 schedule in", explore.Out);
        Assert.Contains("no violation in 1 schedule\n", explore.Out.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("[]", explore.Out);
        Assert.DoesNotContain("1 schedules", explore.Out);
    }
}
