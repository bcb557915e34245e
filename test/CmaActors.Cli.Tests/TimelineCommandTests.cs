namespace CmaActors.Cli.Tests;

public sealed class TimelineCommandTests
{
    [Fact]
    public void Timeline_draws_a_window_of_a_run_trace_as_png()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        Assert.Equal(0, CliRunner.InProcess("run", scenario, "--out", temp.File("out"), "--quiet").ExitCode);
        var run = CliRunner.InProcess("timeline", temp.File("out/trace.json"), "--out", temp.File("timeline.png"), "--span", "500us", "--width", "1200");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.DoesNotContain("warning", run.Err);
        var png = File.ReadAllBytes(temp.File("timeline.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal(1200, width);
        Assert.True(height > 200, $"only {height} pixels high: no track drawn");
    }

    [Theory]
    [InlineData("1000s", "2ms", "is outside the trace")]
    [InlineData("0", "1s", "reaches outside the trace")]
    public void A_window_outside_the_trace_is_drawn_with_a_warning(string from, string span, string warning)
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        // The window opens at the first cma_alloc() call, after the drivers' start delay: nothing is traced at 0.
        Assert.Equal(0, CliRunner.InProcess("run", scenario, "--out", temp.File("out"), "--quiet", "--duration", "1s").ExitCode);
        var run = CliRunner.InProcess("timeline", temp.File("out/trace.json"), "--out", temp.File("t.png"), "--from", from, "--span", span);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains($"warning: the window", run.Err);
        Assert.Contains(warning, run.Err);
        Assert.Contains("the trace's slices run from", run.Err);
        Assert.True(File.Exists(temp.File("t.png")));
    }

    [Theory]
    [InlineData("1ms", false)]
    [InlineData("0.998ms", true)]
    public void A_window_reaches_outside_the_trace_only_when_a_pixel_of_it_is_empty(string from, bool warned)
    {
        using var temp = new TempFolder();
        // The only slice starts 0.5 µs after 1 ms; at 1,000 pixels for 1 ms a pixel is 1 µs.
        var trace = temp.Write("trace.json",
            """{ "traceEvents": [ { "ph": "X", "name": "a", "pid": 1, "tid": 1, "ts": 1000.5, "dur": 2000 } ] }""");
        var run = CliRunner.InProcess("timeline", trace, "--out", temp.File("t.png"), "--from", from, "--span", "1ms", "--width", "1000");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal(warned, run.Err.Contains("reaches outside the trace", StringComparison.Ordinal));
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
