using System.CommandLine;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Cli.Commands;

/// <summary>The options that shape what a run records for <c>--out</c>: the trace window and the /proc snapshot period.</summary>
public sealed class DiagnosticsArguments
{
    /// <summary>--trace-from SECONDS.</summary>
    public Option<double?> TraceFrom { get; } = new("--trace-from")
    {
        Description = "Virtual second at which trace.json's window opens (default: the first cma_alloc() call)",
    };

    /// <summary>--trace-events N.</summary>
    public Option<int> TraceEvents { get; } = new("--trace-events")
    {
        Description = $"Events after which trace.json's window closes (default {TraceSettings.DefaultMaxEvents:N0})",
        DefaultValueFactory = _ => TraceSettings.DefaultMaxEvents,
    };

    /// <summary>--snapshot-every SECONDS.</summary>
    public Option<double> SnapshotEvery { get; } = new("--snapshot-every")
    {
        Description = "Virtual seconds between two /proc/buddyinfo and /proc/pagetypeinfo snapshots (0: start and end only; default 10)",
        DefaultValueFactory = _ => 10,
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
        var from = parse.GetValue(TraceFrom);
        var events = parse.GetValue(TraceEvents);
        var every = parse.GetValue(SnapshotEvery);
        if (from is < 0)
            throw new CliInputException($"--trace-from {from}: must be 0 or more seconds");
        if (events <= 0)
            throw new CliInputException($"--trace-events {events}: must be at least 1");
        if (every < 0)
            throw new CliInputException($"--snapshot-every {every}: must be 0 or more seconds");
        return DiagnosticsOptions.Default with
        {
            SnapshotEveryNs = (long)(every * 1e9),
            Trace = withTrace ? new TraceSettings { FromNs = from is { } s ? (long)(s * 1e9) : null, MaxEvents = events } : null,
        };
    }
}
