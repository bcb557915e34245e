using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CmaActors.Cli.Tests;

/// <summary><c>run --trace-around worst-wait</c>: a first run finds the worst wait, the second traces around it.</summary>
public sealed class TraceAroundTests
{
    [Fact]
    public void Trace_windows_are_centred_on_the_worst_wait_that_results_json_names()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("run", scenario, "--out", temp.File("out"), "--trace-around", "worst-wait", "--lock-sort", "contended");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("worst wait per lock", run.Out);
        Assert.Contains("perf lock contention -k contended", run.Out);

        using var results = JsonDocument.Parse(File.ReadAllText(temp.File("out/results.json")));
        var worst = results.RootElement.GetProperty("locks").EnumerateArray()
            .Where(l => l.GetProperty("worstWait").ValueKind == JsonValueKind.Object)
            .Select(l => l.GetProperty("worstWait"))
            .OrderByDescending(w => w.GetProperty("waitNs").GetInt64())
            .First();
        var start = worst.GetProperty("startNs").GetInt64();
        var end = worst.GetProperty("endNs").GetInt64();

        // The second run is the first one again: the worst wait it records is the one the window was centred on.
        var seconds = (end / 1e9).ToString("0.000000", CultureInfo.InvariantCulture);
        using var trace = JsonDocument.Parse(File.ReadAllText(temp.File("out/trace.json")));
        var other = trace.RootElement.GetProperty("otherData");
        Assert.Contains($"centred on the worst wait", other.GetProperty("window").GetString());
        Assert.Contains($"to {seconds} s", other.GetProperty("window").GetString());
        var from = other.GetProperty("windowFromNs").GetInt64();
        var to = other.GetProperty("windowToNs").GetInt64();
        Assert.InRange(start, from, to);
        Assert.InRange(end, from, to);
        Assert.True(Math.Abs((start - from) - (to - end)) < 2_000_000, $"window {from}..{to} not centred on {start}..{end}");

        var ftrace = File.ReadAllText(temp.File("out/trace"));
        Assert.Contains("centred on the worst wait", ftrace.Split('\n').Single(l => l.StartsWith("# window:", StringComparison.Ordinal)));
        var times = ftrace.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => double.Parse(Regex.Match(l, @"\s(\d+\.\d{6}):\s").Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(times);
        Assert.True(times[0] * 1e9 >= from - 1_000 && times[^1] * 1e9 <= to + 1_000, $"ftrace events {times[0]}..{times[^1]} outside the window");
    }

    [Fact]
    public void Trace_around_needs_an_output_folder_and_simulation_mode()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var noOut = CliRunner.InProcess("run", scenario, "--trace-around", "worst-wait");
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out", noOut.Err);
        var parallel = CliRunner.InProcess("run", scenario, "--out", temp.File("p"), "--trace-around", "worst-wait", "--mode", "parallel");
        Assert.Equal(2, parallel.ExitCode);
        Assert.Contains("simulation", parallel.Err);
        Assert.False(Directory.Exists(temp.File("p")) && Directory.EnumerateFileSystemEntries(temp.File("p")).Any());
    }
}
