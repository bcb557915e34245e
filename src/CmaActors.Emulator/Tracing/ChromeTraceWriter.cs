using System.Globalization;
using System.Text.Json;

namespace CmaActors.Emulator.Tracing;

/// <summary>
/// Writes a <see cref="TraceRecording"/> in the Chrome trace event format (JSON object form) that Perfetto and
/// chrome://tracing open: a process per actor kind and a thread track per actor (metadata events), a complete event
/// ("X") per handler, flow events ("s"/"f") from each send to its delivery, counter events ("C") for the free pages,
/// and async events ("b"/"e") for mutex holds and waits. Timestamps are virtual microseconds. <c>otherData</c> says
/// which window of the run the file holds and why.
/// </summary>
public static class ChromeTraceWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Writes the trace to <paramref name="stream"/>.</summary>
    public static void Write(TraceRecording trace, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ns");
        WriteOtherData(json, trace);
        json.WriteStartArray("traceEvents");
        var tracks = trace.Tracks.ToDictionary(t => t.ActorId);
        WriteMetadata(json, trace, tracks);
        foreach (var slice in trace.Slices)
            WriteSlice(json, slice, tracks);
        foreach (var flow in trace.Flows)
            WriteFlow(json, flow, tracks);
        foreach (var counter in trace.Counters)
            WriteCounter(json, counter, trace.CounterSeries[counter.Series]);
        for (var i = 0; i < trace.Spans.Count; i++)
            WriteSpan(json, trace.Spans[i], i + 1, tracks);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The trace as a byte array.</summary>
    public static byte[] ToBytes(TraceRecording trace)
    {
        using var buffer = new MemoryStream();
        Write(trace, buffer);
        return buffer.ToArray();
    }

    private static void WriteOtherData(Utf8JsonWriter json, TraceRecording trace)
    {
        json.WriteStartObject("otherData");
        json.WriteString("generator", "cma-actors");
        json.WriteString("scenario", trace.Scenario);
        json.WriteNumber("seed", trace.Seed);
        json.WriteString("clock", trace.WallClock
            ? "wall time since the parallel run started; ts and dur in microseconds"
            : "virtual time of the simulation; ts and dur in microseconds");
        json.WriteString("window", WindowText(trace));
        if (trace.WindowFromNs is { } from)
            json.WriteNumber("windowFromNs", from);
        if (trace.WindowToNs is { } to)
            json.WriteNumber("windowToNs", to);
        json.WriteNumber("maxEvents", trace.Options.MaxEvents);
        json.WriteBoolean("capReached", trace.CapReached);
        json.WriteNumber("runEndNs", trace.RunEndNs);
        json.WriteNumber("runDeliveries", trace.RunDeliveries);
        json.WriteNumber("tracedDeliveries", trace.Slices.Count);
        json.WriteEndObject();
    }

    /// <summary>The window in words: where it opened and closed, and why.</summary>
    public static string WindowText(TraceRecording trace) => trace.WindowFromNs is { } from
        ? $"{(trace.WallClock ? "wall" : "virtual")} time {Seconds(from)} s to {Seconds(trace.WindowToNs ?? from)} s of {Reports.Words.A(Seconds(trace.RunEndNs))} s run: opened at " +
          $"{trace.OpenedBy}, closed when {trace.ClosedBy}; {trace.Slices.Count:N0} of {trace.RunDeliveries:N0} deliveries traced"
        : $"empty: {trace.ClosedBy}";

    private static void WriteMetadata(Utf8JsonWriter json, TraceRecording trace, Dictionary<int, TraceTrack> tracks)
    {
        var processes = tracks.Values.Select(t => t.Process)
            .Concat(trace.CounterSeries.Select(s => s.Process))
            .Concat(trace.Spans.Count > 0 ? [TraceProcess.Mutexes] : [])
            .Distinct()
            .Order();
        foreach (var process in processes)
        {
            Metadata(json, "process_name", (int)process, null, w => w.WriteString("name", ProcessName(process)));
            Metadata(json, "process_sort_index", (int)process, null, w => w.WriteNumber("sort_index", (int)process));
        }

        foreach (var track in tracks.Values.OrderBy(t => t.ActorId))
        {
            Metadata(json, "thread_name", (int)track.Process, Tid(track.ActorId), w => w.WriteString("name", track.Name));
            Metadata(json, "thread_sort_index", (int)track.Process, Tid(track.ActorId), w => w.WriteNumber("sort_index", track.ActorId));
        }
    }

    private static void Metadata(Utf8JsonWriter json, string name, int pid, int? tid, Action<Utf8JsonWriter> args)
    {
        json.WriteStartObject();
        json.WriteString("ph", "M");
        json.WriteString("name", name);
        json.WriteNumber("pid", pid);
        if (tid is { } t)
            json.WriteNumber("tid", t);
        json.WriteStartObject("args");
        args(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSlice(Utf8JsonWriter json, in TracedSlice slice, Dictionary<int, TraceTrack> tracks)
    {
        var track = tracks[slice.Actor];
        json.WriteStartObject();
        json.WriteString("ph", "X");
        json.WriteString("name", slice.Function);
        json.WriteString("cat", ProcessCategory(track.Process));
        json.WriteNumber("pid", (int)track.Process);
        json.WriteNumber("tid", Tid(slice.Actor));
        Micros(json, "ts", slice.StartNs);
        Micros(json, "dur", slice.EndNs - slice.StartNs);
        json.WriteStartObject("args");
        json.WriteString("message", slice.Message);
        json.WriteString("from", slice.From >= 0 && tracks.TryGetValue(slice.From, out var from) ? from.Name : "(outside)");
        Micros(json, "wait_us", slice.WaitNs);
        json.WriteNumber("seq", slice.Seq);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFlow(Utf8JsonWriter json, in TracedFlow flow, Dictionary<int, TraceTrack> tracks)
    {
        FlowEnd(json, "s", flow, tracks[flow.From].Process, flow.From, flow.SentNs);
        FlowEnd(json, "f", flow, tracks[flow.To].Process, flow.To, flow.DeliveredNs);
    }

    /// <summary>One end of a flow: "s" at the send, "f" (bound to the enclosing slice) at the delivery.</summary>
    private static void FlowEnd(Utf8JsonWriter json, string phase, in TracedFlow flow, TraceProcess process, int actor, long ns)
    {
        json.WriteStartObject();
        json.WriteString("ph", phase);
        if (phase == "f")
            json.WriteString("bp", "e");
        json.WriteNumber("id", flow.Seq);
        json.WriteString("name", flow.Message);
        json.WriteString("cat", "send");
        json.WriteNumber("pid", (int)process);
        json.WriteNumber("tid", Tid(actor));
        Micros(json, "ts", ns);
        json.WriteEndObject();
    }

    private static void WriteCounter(Utf8JsonWriter json, in TracedCounter counter, CounterSeries series)
    {
        json.WriteStartObject();
        json.WriteString("ph", "C");
        json.WriteString("name", series.Name);
        json.WriteNumber("pid", (int)series.Process);
        Micros(json, "ts", counter.TimeNs);
        json.WriteStartObject("args");
        json.WriteNumber(series.Series, counter.Value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter json, in TracedSpan span, int id, Dictionary<int, TraceTrack> tracks)
    {
        var mutex = tracks[span.Mutex];
        var task = tracks[span.Task];
        var name = $"{mutex.Name} {(span.Waiting ? "wait" : "held")}";
        foreach (var (phase, ns) in new[] { ("b", span.FromNs), ("e", span.ToNs) })
        {
            json.WriteStartObject();
            json.WriteString("ph", phase);
            json.WriteString("name", name);
            json.WriteString("cat", span.Waiting ? "mutex_wait" : "mutex_hold");
            json.WriteNumber("id", id);
            json.WriteNumber("pid", (int)TraceProcess.Mutexes);
            json.WriteNumber("tid", Tid(span.Mutex));
            Micros(json, "ts", ns);
            if (phase == "b")
            {
                json.WriteStartObject("args");
                json.WriteString("task", task.Name);
                json.WriteBoolean("truncated", span.Truncated);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }
    }

    /// <summary>Thread id of an actor's track (actor ids start at 0; tid 0 is avoided).</summary>
    public static int Tid(int actorId) => actorId + 1;

    private static void Micros(Utf8JsonWriter json, string name, long ns)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(MicrosText(ns), skipInputValidation: true);
    }

    private static string MicrosText(long ns)
    {
        var sign = ns < 0 ? "-" : "";
        var abs = Math.Abs(ns);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 1000}.{abs % 1000:D3}");
    }

    private static string Seconds(long ns) => (ns / 1e9).ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>The name of a process group as the trace viewer shows it.</summary>
    public static string ProcessName(TraceProcess process) => process switch
    {
        TraceProcess.Zones => "zones (zone->lock)",
        TraceProcess.Areas => "CMA areas (cma->lock)",
        TraceProcess.Mutexes => "mutexes",
        TraceProcess.Cpus => "CPUs (pcp->lock)",
        TraceProcess.Tasks => "tasks",
        _ => "devices",
    };

    private static string ProcessCategory(TraceProcess process) => process switch
    {
        TraceProcess.Zones => "zone",
        TraceProcess.Areas => "cma",
        TraceProcess.Mutexes => "mutex",
        TraceProcess.Cpus => "cpu",
        TraceProcess.Tasks => "task",
        _ => "device",
    };
}
