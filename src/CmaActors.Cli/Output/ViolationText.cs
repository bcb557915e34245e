using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;

namespace CmaActors.Cli.Output;

/// <summary>Prints an invariant violation: seed, step, rule, frame and the events that led to it.</summary>
public static class ViolationText
{
    /// <summary>Writes the report to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, ViolationReport v)
    {
        writer.WriteLine($"INVARIANT VIOLATED: {v.Rule}");
        writer.WriteLine($"  seed {v.Seed}, step {v.Step}, virtual time {v.VirtualTimeNs / 1e6:F6} ms, pfn {v.Pfn}");
        writer.WriteLine($"  {v.Detail}");
        writer.WriteLine($"  last {Words.Count(v.LastEvents.Count, "delivery", "deliveries")}:");
        foreach (var line in v.LastEvents)
            writer.WriteLine($"    {line}");
    }
}
