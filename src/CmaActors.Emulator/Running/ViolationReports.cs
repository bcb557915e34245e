using CmaActors.Emulator.Invariants;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Running;

/// <summary>Turns an invariant violation that stopped a run into its report, in either mode.</summary>
internal static class ViolationReports
{
    /// <summary>The violation behind <paramref name="e"/> (the exception itself or one it wraps), if any.</summary>
    public static InvariantViolationException? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is InvariantViolationException violation)
                return violation;
        return null;
    }

    /// <summary>The report of <paramref name="found"/>, with the last deliveries kept by <paramref name="recent"/>.</summary>
    public static ViolationReport From(InvariantViolationException found, int seed, RecentEvents recent) =>
        new(seed, found.Step, found.VirtualTimeNs, found.Violation.Rule, found.Violation.Pfn, found.Violation.Detail,
            recent.Snapshot().Select(FormatEvent).ToList());

    /// <summary>One line of a violation report's event list.</summary>
    public static string FormatEvent(RecentEvent e) =>
        $"#{e.Step,-9} {e.VirtualTimeNs / 1e6,12:F6} ms  {e.From} → {e.To}: {MessageText.Of(e.Message)}";
}
