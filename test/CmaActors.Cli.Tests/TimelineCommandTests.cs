namespace CmaActors.Cli.Tests;

public sealed class TimelineCommandTests
{
    [Fact]
    public void Timeline_draws_a_window_of_a_run_trace_as_png()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        Assert.Equal(0, CliRunner.InProcess("run", scenario, "--out", temp.File("out"), "--quiet").ExitCode);
        var run = CliRunner.InProcess("timeline", temp.File("out/trace.json"), "--out", temp.File("timeline.png"), "--span", "0.5", "--width", "1200");
        Assert.True(run.ExitCode == 0, run.Err);
        var png = File.ReadAllBytes(temp.File("timeline.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal(1200, width);
        Assert.True(height > 200, $"only {height} pixels high: no track drawn");
    }

    [Fact]
    public void A_file_that_is_not_a_trace_is_bad_input_with_its_json_path()
    {
        using var temp = new TempFolder();
        var trace = temp.Write("trace.json", """{ "traceEvents": [ { "ph": "X", "name": "a", "pid": 1, "tid": 1, "ts": "soon", "dur": 1 } ] }""");
        var run = CliRunner.InProcess("timeline", trace, "--out", temp.File("t.png"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.traceEvents[0].ts", run.Err);
        Assert.False(File.Exists(temp.File("t.png")));
    }
}
