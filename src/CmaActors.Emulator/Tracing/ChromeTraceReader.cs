using System.Text.Json;

namespace CmaActors.Emulator.Tracing;

/// <summary>Reads a Chrome trace event file (the JSON object form with <c>traceEvents</c>, or a bare array of events).</summary>
public static class ChromeTraceReader
{
    /// <summary>Reads <paramref name="stream"/>.</summary>
    /// <exception cref="JsonException">The file is not JSON, or not trace events.</exception>
    public static TraceFile Read(Stream stream)
    {
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
        var events = doc.RootElement.ValueKind switch
        {
            JsonValueKind.Array => doc.RootElement,
            JsonValueKind.Object when doc.RootElement.TryGetProperty("traceEvents", out var e) && e.ValueKind == JsonValueKind.Array => e,
            _ => throw new JsonException("not a Chrome trace: expected an array of events or an object with a 'traceEvents' array", "$", null, null),
        };

        var processes = new SortedDictionary<int, string>();
        var threads = new Dictionary<(int, int), (string Name, int Sort)>();
        var slices = new List<(int, int, double, double, string)>();
        var flowStarts = new Dictionary<long, (int Tid, double Ts)>();
        var flows = new List<(int, double, int, double)>();
        var counters = new List<(string, double, double)>();
        var spanStarts = new Dictionary<(string Cat, string Name, long Id), (int Tid, double Ts)>();
        var spans = new List<(int, double, double, string)>();
        var index = 0;
        foreach (var e in events.EnumerateArray())
        {
            var path = $"$.traceEvents[{index++}]";
            var ph = Text(e, "ph", path);
            var pid = e.TryGetProperty("pid", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 0;
            var tid = e.TryGetProperty("tid", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : 0;
            switch (ph)
            {
                case "M":
                    var name = Text(e, "name", path);
                    var args = e.GetProperty("args");
                    if (name == "process_name")
                        processes[pid] = Text(args, "name", path + ".args");
                    else if (name == "thread_name")
                        threads[(pid, tid)] = (Text(args, "name", path + ".args"), threads.GetValueOrDefault((pid, tid)).Sort);
                    else if (name == "thread_sort_index")
                        threads[(pid, tid)] = (threads.GetValueOrDefault((pid, tid)).Name ?? "", args.GetProperty("sort_index").GetInt32());
                    break;
                case "X":
                    slices.Add((pid, tid, Number(e, "ts", path), Number(e, "dur", path), Text(e, "name", path)));
                    break;
                case "s":
                    flowStarts[e.GetProperty("id").GetInt64()] = (tid, Number(e, "ts", path));
                    break;
                case "f":
                    if (flowStarts.Remove(e.GetProperty("id").GetInt64(), out var start))
                        flows.Add((start.Tid, start.Ts, tid, Number(e, "ts", path)));
                    break;
                case "b":
                    spanStarts[(Text(e, "cat", path), Text(e, "name", path), e.GetProperty("id").GetInt64())] = (tid, Number(e, "ts", path));
                    break;
                case "e":
                    var key = (Text(e, "cat", path), Text(e, "name", path), e.GetProperty("id").GetInt64());
                    if (spanStarts.Remove(key, out var begun))
                        spans.Add((begun.Tid, begun.Ts, Number(e, "ts", path), key.Item2));
                    break;
                case "C":
                    foreach (var series in e.GetProperty("args").EnumerateObject())
                        counters.Add(($"{Text(e, "name", path)} {series.Name}", Number(e, "ts", path), series.Value.GetDouble()));
                    break;
            }
        }

        return new TraceFile
        {
            Processes = processes,
            Threads = threads.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value.Name ?? $"tid {kv.Key.Item2}", kv.Value.Sort)).ToList(),
            Slices = slices,
            Flows = flows,
            Counters = counters,
            Spans = spans,
        };
    }

    private static string Text(JsonElement e, string name, string path) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new JsonException($"'{name}' is missing or not a string", $"{path}.{name}", null, null);

    private static double Number(JsonElement e, string name, string path) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new JsonException($"'{name}' is missing or not a number", $"{path}.{name}", null, null);
}
