using System.CommandLine;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Cli.Commands;

/// <summary>The options that shape what a run records for <c>--out</c>: the trace window and the /proc snapshot period.</summary>
public sealed class DiagnosticsArguments
{
    /// <summary>--trace-from TIME.</summary>
    public Option<string?> TraceFrom { get; } = new("--trace-from")
    {
        Description = "Run time at which trace.json's window opens, e.g. 2s or 1500ms (default: the first cma_alloc() call)",
    };

    /// <summary>--trace-events N.</summary>
    public Option<int> TraceEvents { get; } = new("--trace-events")
    {
        Description = "Events after which trace.json's window closes",
        DefaultValueFactory = _ => TraceSettings.DefaultMaxEvents,
    };

    /// <summary>--snapshot-every TIME.</summary>
    public Option<string> SnapshotEvery { get; } = new("--snapshot-every")
    {
        Description = "Run time between two /proc/buddyinfo and /proc/pagetypeinfo snapshots, e.g. 10s (0: start and end only)",
        DefaultValueFactory = _ => "10s",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(TraceFrom);
        command.Options.Add(TraceEvents);
        command.Options.Add(SnapshotEvery);
    }

    /// <summary>The diagnostics a run records: a trace only when its files are written (<paramref name="withTrace"/>).</summary>
    /// <exception cref="CliInputException">An option is out of range.</exception>
    public DiagnosticsOptions Read(ParseResult parse, bool withTrace)
    {
        long? fromNs = parse.GetValue(TraceFrom) is { } from ? DurationText.Nanoseconds("--trace-from", from, allowZero: true) : null;
        var events = parse.GetValue(TraceEvents);
        var everyNs = DurationText.Nanoseconds("--snapshot-every", parse.GetValue(SnapshotEvery) ?? "10s", allowZero: true);
        if (events <= 0)
            throw new CliInputException($"--trace-events {events}: must be at least 1");
        return DiagnosticsOptions.Default with
        {
            SnapshotEveryNs = everyNs,
            Trace = withTrace ? new TraceSettings { FromNs = fromNs, MaxEvents = events } : null,
        };
    }
}
