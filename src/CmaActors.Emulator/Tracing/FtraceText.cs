using System.Globalization;
using System.Text;

namespace CmaActors.Emulator.Tracing;

/// <summary>
/// The ftrace text file <c>trace</c> in the layout of /sys/kernel/tracing/trace (kernel/trace/trace.c s_show(),
/// print_func_help_header_irq(); trace_output.c trace_print_context()): the "# tracer: nop" header with the
/// irqs-off/need-resched/hardirq/preempt-depth/migrate-disable legend, then one line per event,
/// <c>"%16s-%-7d [%03d] %5s %5lu.%06lu: %s: %s"</c> (task-pid, CPU, flags, timestamp, event, fields). Comment lines
/// after the tracer line say which run and which window the file holds; every one starts with '#', as the kernel's.
/// Of the flags only irqs-off is modelled ('d' under zone->lock); the others print '.'.
/// </summary>
public static class FtraceText
{
    /// <summary>The file's text.</summary>
    public static string Format(FtraceRecording trace)
    {
        var sb = new StringBuilder(64 + trace.Events.Count * 110);
        sb.Append("# tracer: nop\n#\n");
        sb.Append(Invariant($"# cma-actors: scenario {trace.Scenario}, seed {trace.Seed}; timestamps are virtual seconds of the run\n"));
        sb.Append(Invariant($"# window: {WindowText(trace)}\n"));
        sb.Append("# page= is the struct page address of the pfn in an x86-64 vmemmap (as %p prints it with no_hash_pointers)\n#\n");
        sb.Append(Invariant($"# entries-in-buffer/entries-written: {trace.Events.Count}/{trace.Events.Count}   #P:{trace.Cpus}\n#\n"));
        sb.Append("#                                _-----=> irqs-off/BH-disabled\n");
        sb.Append("#                               / _----=> need-resched\n");
        sb.Append("#                              | / _---=> hardirq/softirq\n");
        sb.Append("#                              || / _--=> preempt-depth\n");
        sb.Append("#                              ||| / _-=> migrate-disable\n");
        sb.Append("#                              |||| /     delay\n");
        sb.Append("#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n");
        sb.Append("#              | |         |   |||||     |         |\n");
        foreach (var e in trace.Events)
        {
            sb.Append(Invariant($"{e.Comm,16}-{e.Pid,-7} [{e.Cpu:D3}] {(e.IrqsOff ? "d...." : ".....")} "));
            sb.Append(Timestamp(e.TimeNs)).Append(": ").Append(e.Event).Append(": ").Append(e.Fields).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary><c>" %5lu.%06lu"</c> without its leading space: seconds and microseconds (nanoseconds cut, as ns2usecs does).</summary>
    public static string Timestamp(long ns)
    {
        var us = ns / 1000;
        return Invariant($"{us / 1_000_000,5}.{us % 1_000_000:D6}");
    }

    /// <summary>The window in words: where it opened and closed, and why.</summary>
    public static string WindowText(FtraceRecording trace) => trace.WindowFromNs is { } from
        ? Invariant($"virtual time {Seconds(from)} s to {Seconds(trace.WindowToNs ?? from)} s of a {Seconds(trace.RunEndNs)} s run: opened at ") +
          $"{trace.OpenedBy}, closed when {trace.ClosedBy}{(trace.CapReached ? "" : $" (cap {trace.MaxEvents.ToString("N0", CultureInfo.InvariantCulture)} events)")}; " +
          Invariant($"{trace.Events.Count:N0} events")
        : $"empty: {trace.ClosedBy}";

    private static string Seconds(long ns) => (ns / 1e9).ToString("F6", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
