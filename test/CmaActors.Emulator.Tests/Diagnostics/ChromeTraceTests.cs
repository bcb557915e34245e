using System.Text.Json;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>trace.json read back as plain JSON: the Chrome trace event format Perfetto opens.</summary>
public sealed class ChromeTraceTests
{
    private static readonly Lazy<(RunOutcome Outcome, byte[] Json)> Traced = new(() =>
    {
        var outcome = ScenarioRunner.Run(TestScenarios.Small(seconds: 1.2), new RunOptions
        {
            Diagnostics = DiagnosticsOptions.Default with { Trace = new TraceSettings { MaxEvents = 60_000 } },
        });
        return (outcome, ChromeTraceWriter.ToBytes(outcome.Trace!));
    });

    [Fact]
    public void Trace_is_chrome_trace_json_with_one_track_per_actor()
    {
        using var doc = JsonDocument.Parse(Traced.Value.Json);
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        Assert.All(events, e => Assert.True(e.TryGetProperty("ph", out _) && e.TryGetProperty("pid", out _), e.ToString()));

        var threadNames = events.Where(e => Ph(e) == "M" && e.GetProperty("name").GetString() == "thread_name").ToList();
        var tracks = threadNames.Select(e => (Pid: e.GetProperty("pid").GetInt32(), Tid: e.GetProperty("tid").GetInt32())).ToList();
        Assert.Equal(tracks.Count, tracks.Distinct().Count());
        Assert.Equal(tracks.Count, tracks.Select(t => t.Tid).Distinct().Count());
        var names = threadNames.Select(e => e.GetProperty("args").GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());

        var slices = events.Where(e => Ph(e) == "X").ToList();
        Assert.True(slices.Count > 1_000, $"only {slices.Count} slices");
        var sliceTracks = slices.Select(e => (Pid: e.GetProperty("pid").GetInt32(), Tid: e.GetProperty("tid").GetInt32())).Distinct().ToList();
        Assert.All(sliceTracks, t => Assert.Contains(t, tracks));
        Assert.All(slices, e => Assert.True(e.GetProperty("dur").GetDouble() >= 0 && e.GetProperty("ts").GetDouble() >= 0));

        // Every actor that handled a message in the window has exactly one track, named after it.
        var recording = Traced.Value.Outcome.Trace!;
        var handled = recording.Slices.Select(s => s.Actor).Distinct().ToList();
        Assert.All(handled, actor => Assert.Single(tracks, t => t.Tid == ChromeTraceWriter.Tid(actor)));
        foreach (var expected in new[] { "zone-Normal", "cpu0", "cpu1", "cpu2", "cpu3", "cma-reserved", "cma_mutex", "pcpu_drain_mutex" })
            Assert.Contains(expected, names);
    }

    [Fact]
    public void Flows_pair_every_begin_with_one_end_later_on_another_track()
    {
        using var doc = JsonDocument.Parse(Traced.Value.Json);
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var starts = events.Where(e => Ph(e) == "s").ToList();
        var ends = events.Where(e => Ph(e) == "f").ToList();
        Assert.True(starts.Count > 1_000, $"only {starts.Count} flows");
        Assert.Equal(starts.Count, starts.Select(Id).Distinct().Count());
        Assert.Equal(ends.Count, ends.Select(Id).Distinct().Count());
        var endById = ends.ToDictionary(Id);
        Assert.Equal(starts.Select(Id).Order(), endById.Keys.Order());
        foreach (var s in starts)
        {
            var f = endById[Id(s)];
            Assert.True(f.GetProperty("ts").GetDouble() >= s.GetProperty("ts").GetDouble(), $"flow {Id(s)} ends before it starts");
            Assert.NotEqual(s.GetProperty("tid").GetInt32(), f.GetProperty("tid").GetInt32());
            Assert.Equal("e", f.GetProperty("bp").GetString());
        }
    }

    [Fact]
    public void Counters_track_free_pages_and_the_file_states_its_window()
    {
        using var doc = JsonDocument.Parse(Traced.Value.Json);
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var counters = events.Where(e => Ph(e) == "C").Select(e => e.GetProperty("name").GetString()).Distinct().ToList();
        Assert.Contains("NR_FREE_PAGES", counters);
        Assert.Contains("NR_FREE_CMA_PAGES", counters);
        var other = doc.RootElement.GetProperty("otherData");
        Assert.Contains("first cma_alloc() call", other.GetProperty("window").GetString());
        Assert.True(other.GetProperty("windowFromNs").GetInt64() >= 300_000_000, "the window opened before the first driver call");
        Assert.Equal(60_000, other.GetProperty("maxEvents").GetInt32());
        Assert.Contains(events, e => Ph(e) is "b" && e.GetProperty("cat").GetString() == "mutex_hold");
    }

    [Fact]
    public void A_long_run_is_capped_and_the_file_says_so()
    {
        var outcome = ScenarioRunner.Run(TestScenarios.Small(seconds: 1.0), new RunOptions
        {
            Diagnostics = DiagnosticsOptions.Default with { Trace = new TraceSettings { FromNs = 100_000_000, MaxEvents = 2_000 } },
        });
        var trace = outcome.Trace!;
        Assert.True(trace.CapReached);
        Assert.Equal(100_000_000, trace.WindowFromNs!.Value, tolerance: 1_000_000);
        Assert.True(trace.WindowToNs < outcome.Result.VirtualTimeNs);
        Assert.True(trace.Slices.Count < outcome.Result.Deliveries / 10);
        using var doc = JsonDocument.Parse(ChromeTraceWriter.ToBytes(trace));
        var other = doc.RootElement.GetProperty("otherData");
        Assert.True(other.GetProperty("capReached").GetBoolean());
        Assert.Contains("cap of 2,000 events", other.GetProperty("window").GetString());
        // The events past the cap that still made it in are the ones of the delivery that reached it.
        Assert.InRange(doc.RootElement.GetProperty("traceEvents").EnumerateArray().Count(e => Ph(e) != "M"), 1_000, 2_000 * 2 + 50);
    }

    private static string Ph(JsonElement e) => e.GetProperty("ph").GetString()!;

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();
}
