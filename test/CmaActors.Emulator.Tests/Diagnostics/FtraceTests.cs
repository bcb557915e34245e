using System.Globalization;
using System.Text.RegularExpressions;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tests.Support;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>
/// The ftrace text file read back as a user's script reads /sys/kernel/tracing/trace: skip '#' lines, a regular
/// expression on the standard line layout, key=value fields. Nothing here uses the emulator's own types to parse.
/// </summary>
public sealed partial class FtraceTests
{
    private static readonly Lazy<(RunOutcome Outcome, string Text)> Traced = new(Run);

    /// <summary>The kernel's field names per event, in TP_printk order (include/trace/events/cma.h and kmem.h, 6.12).</summary>
    private static readonly Dictionary<string, string[]> KernelFields = new()
    {
        ["cma_alloc_start"] = ["name", "count", "align"],
        ["cma_alloc_finish"] = ["name", "pfn", "page", "count", "align", "errorno"],
        ["cma_alloc_busy_retry"] = ["name", "pfn", "page", "count", "align"],
        ["cma_release"] = ["name", "pfn", "page", "count"],
        ["mm_page_alloc"] = ["page", "pfn", "order", "migratetype", "gfp_flags"],
        ["mm_page_free"] = ["page", "pfn", "order"],
        ["mm_page_pcpu_drain"] = ["page", "pfn", "order", "migratetype"],
        ["mm_page_alloc_zone_locked"] = ["page", "pfn", "order", "migratetype", "percpu_refill"],
    };

    [GeneratedRegex(@"^\s*(?<comm>.+)-(?<pid>\d+)\s+\[(?<cpu>\d{3})\]\s+(?<flags>[.dDbX][.nNp][.hHsSzZ][.0-9a-f][.0-9a-f])\s+(?<ts>\d+\.\d{6}):\s+(?<event>\w+):\s+(?<fields>.*)$")]
    private static partial Regex LineLayout();

    private sealed record Line(string Comm, int Pid, int Cpu, string Flags, double Ts, string Event, List<(string Key, string Value)> Fields)
    {
        public string this[string key] => Fields.First(f => f.Key == key).Value;
    }

    private static (RunOutcome, string) Run()
    {
        var outcome = ScenarioRunner.Run(TestScenarios.Small(seconds: 1.2), new RunOptions
        {
            Diagnostics = DiagnosticsOptions.Default with { Trace = new TraceSettings { FromNs = 0, MaxEvents = 5_000_000 } },
        });
        return (outcome, FtraceText.Format(outcome.Trace!.Ftrace!));
    }

    private static List<Line> Parse(string text)
    {
        var lines = new List<Line>();
        foreach (var raw in text.Split('\n'))
        {
            if (raw.Length == 0 || raw.StartsWith('#'))
                continue;
            var m = LineLayout().Match(raw);
            Assert.True(m.Success, $"not in ftrace's layout: '{raw}'");
            var fields = m.Groups["fields"].Value.Split(' ').Select(f => f.Split('=', 2)).Select(kv => (kv[0], kv.Length > 1 ? kv[1] : "")).ToList();
            lines.Add(new Line(m.Groups["comm"].Value, int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["cpu"].Value, CultureInfo.InvariantCulture), m.Groups["flags"].Value,
                double.Parse(m.Groups["ts"].Value, CultureInfo.InvariantCulture), m.Groups["event"].Value, fields));
        }

        return lines;
    }

    private static long Hex(string value) => long.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [Fact]
    public void Header_is_the_kernels_and_every_line_parses_with_the_kernels_field_names()
    {
        var (_, text) = Traced.Value;
        var header = text.Split('\n').TakeWhile(l => l.StartsWith('#')).ToList();
        Assert.Equal("# tracer: nop", header[0]);
        Assert.Contains("#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION", header);
        var lines = Parse(text);
        var entries = header.Single(l => l.StartsWith("# entries-in-buffer/entries-written:", StringComparison.Ordinal));
        Assert.Equal($"# entries-in-buffer/entries-written: {lines.Count}/{lines.Count}   #P:4", entries);

        Assert.Equal(KernelFields.Keys.Order(), lines.Select(l => l.Event).Distinct().Order());
        foreach (var line in lines)
        {
            Assert.Equal(KernelFields[line.Event], line.Fields.Select(f => f.Key));
            if (line.Fields.Any(f => f.Key == "page") && line["page"] != "0000000000000000")
                Assert.Equal(0xffffea0000000000UL + (ulong)Hex(line["pfn"]) * 64,
                    ulong.Parse(line["page"], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            Assert.InRange(line.Cpu, 0, 3);
        }

        Assert.Equal(lines.Select(l => l.Ts).Order(), lines.Select(l => l.Ts));
        // Under zone->lock interrupts are off; the cma_alloc() events run with them on.
        Assert.All(lines.Where(l => l.Event is "mm_page_pcpu_drain" or "mm_page_alloc_zone_locked"), l => Assert.Equal('d', l.Flags[0]));
        Assert.All(lines.Where(l => l.Event.StartsWith("cma_", StringComparison.Ordinal)), l => Assert.Equal(".....", l.Flags));
    }

    [Fact]
    public void Cma_events_count_what_the_run_counted_in_the_callers_task()
    {
        var (outcome, text) = Traced.Value;
        var lines = Parse(text);
        var area = outcome.Result.Cma.Areas.Single();
        var finish = lines.Where(l => l.Event == "cma_alloc_finish").ToList();
        Assert.True(finish.Count > 20, $"only {finish.Count} cma_alloc_finish events");
        Assert.Equal(area.Counters.AllocSuccess + area.Counters.AllocFail, finish.Count);
        Assert.Equal(area.Counters.AllocFail, finish.Count(l => l["errorno"] != "0"));
        Assert.Equal(area.Counters.AllocPagesSuccess, finish.Where(l => l["errorno"] == "0").Sum(l => long.Parse(l["count"], CultureInfo.InvariantCulture)));
        Assert.True(area.Counters.BusyRetries > 0, "the run has no -EBUSY retry to trace");
        Assert.Equal(area.Counters.BusyRetries, lines.Count(l => l.Event == "cma_alloc_busy_retry"));
        // A retry names the range it gave up, which the call had reserved: an aligned pfn inside the area.
        Assert.All(lines.Where(l => l.Event == "cma_alloc_busy_retry"), l => Assert.Equal(0, Hex(l["pfn"]) % (1L << int.Parse(l["align"], CultureInfo.InvariantCulture))));

        // Every call that finished started; at most one call per driver was still running at the end.
        var starts = lines.Count(l => l.Event == "cma_alloc_start");
        Assert.InRange(starts - finish.Count, 0, 2);
        var released = lines.Where(l => l.Event == "cma_release").Sum(l => long.Parse(l["count"], CultureInfo.InvariantCulture));
        Assert.InRange(released - area.Counters.ReleasePagesSuccess, 0, 2 * 1024);

        // cma_alloc() runs in its caller's task: the driver, on the driver's CPU, under one pid per driver.
        var cma = lines.Where(l => l.Event.StartsWith("cma_", StringComparison.Ordinal)).ToList();
        Assert.Equal(["camera", "codec"], cma.Select(l => l.Comm.Trim()).Distinct().Order());
        Assert.All(cma, l => Assert.Equal(l.Comm.Trim() == "camera" ? 0 : 2, l.Cpu));
        Assert.Equal(2, cma.Select(l => l.Pid).Distinct().Count());
        Assert.All(cma, l => Assert.Equal("reserved", l["name"]));
        // The drain a cma_alloc() does runs in the driver's task too (caller-side drain_pages_zone()).
        Assert.Contains(lines, l => l.Event == "mm_page_pcpu_drain" && l.Comm.Trim() is "camera" or "codec");
    }

    [Fact]
    public void Page_events_carry_the_blocks_that_moved()
    {
        var lines = Parse(Traced.Value.Text);
        var alloc = lines.Where(l => l.Event == "mm_page_alloc" && l["page"] != "0000000000000000").ToList();
        Assert.True(alloc.Count > 1_000, $"only {alloc.Count} mm_page_alloc events");
        Assert.All(alloc, l => Assert.Contains(l["migratetype"], new[] { "0", "1", "2" }));
        // A driver's cma_alloc() allocates migration targets in its own task; the churn faults anonymous pages in.
        Assert.All(alloc.Where(l => l.Comm.Trim() is "camera" or "codec"), l => Assert.Equal("GFP_USER|__GFP_MOVABLE|__GFP_RETRY_MAYFAIL", l["gfp_flags"]));
        Assert.Contains(alloc, l => l.Comm.Trim() is "camera" or "codec");
        Assert.Contains(alloc, l => l.Comm.Contains("churn", StringComparison.Ordinal) && l["migratetype"] == "1");
        Assert.All(alloc.Where(l => l.Comm.Contains("churn", StringComparison.Ordinal) && l["migratetype"] == "1"),
            l => Assert.Equal("GFP_HIGHUSER_MOVABLE|__GFP_ZERO", l["gfp_flags"]));
        Assert.All(lines.Where(l => l.Event == "mm_page_alloc_zone_locked"),
            l => Assert.Equal(int.Parse(l["order"], CultureInfo.InvariantCulture) <= 3 && l["migratetype"] is "0" or "1" or "2" ? "1" : "0", l["percpu_refill"]));
        Assert.Contains(lines, l => l.Event == "mm_page_free");
        Assert.Contains(lines, l => l.Event == "mm_page_alloc_zone_locked" && l["migratetype"] == "4");
    }

    [Fact]
    public void The_cap_closes_the_window()
    {
        var capped = ScenarioRunner.Run(TestScenarios.Small(seconds: 0.5), new RunOptions
        {
            Diagnostics = DiagnosticsOptions.Default with { Trace = new TraceSettings { MaxEvents = 500 } },
        }).Trace!.Ftrace!;
        Assert.Equal(500, capped.Events.Count);
        Assert.True(capped.CapReached);
        var text = FtraceText.Format(capped);
        Assert.Contains("# window: virtual time ", text);
        Assert.Contains("opened at the first cma_alloc() call, closed when the cap of 500 events was reached", text);
        Assert.Equal("cma_alloc_start", Parse(text)[0].Event);
    }

    [Fact]
    public void An_end_time_closes_the_window_there()
    {
        var trace = ScenarioRunner.Run(TestScenarios.Small(seconds: 0.7), new RunOptions
        {
            Diagnostics = DiagnosticsOptions.Default with
            {
                Trace = new TraceSettings { FromNs = 500_000_000, ToNs = 600_000_000, MaxEvents = 1_000_000, Around = "a test" },
            },
        }).Trace!;
        Assert.All(trace.Ftrace!.Events, e => Assert.InRange(e.TimeNs, 500_000_000, 600_000_000));
        Assert.Equal(600_000_000, trace.Ftrace.WindowToNs);
        Assert.All(trace.Slices, s => Assert.InRange(s.StartNs, 500_000_000, 600_000_000));
        Assert.Contains("(a test)", trace.OpenedBy);
    }
}
