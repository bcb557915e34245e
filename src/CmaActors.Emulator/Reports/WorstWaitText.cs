using System.Globalization;
using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Reports;

/// <summary>A lock's longest wait in words: when it ended, who waited and who held the lock.</summary>
public static class WorstWaitText
{
    /// <summary>"at 12.345678 s, cma_alloc/cpu2 behind cma_alloc/cpu0", or "-" when the lock was never contended.</summary>
    public static string Of(WorstWaitResult? worst) => worst is null
        ? "-"
        : $"at {Time(worst.EndNs)} s, {worst.Function}/{Units.Cpu(worst.Cpu)} behind {Holder(worst)}";

    /// <summary>The holder as "function/cpuN", or "(unknown)".</summary>
    public static string Holder(WorstWaitResult worst) =>
        worst.HolderCpu < 0 && worst.HolderFunction == "(unknown)" ? "(unknown)" : $"{worst.HolderFunction}/{Units.Cpu(worst.HolderCpu)}";

    /// <summary>The longest wait of all <paramref name="locks"/> (ties: the earlier), or null when none was contended.</summary>
    public static WorstWaitResult? Worst(IEnumerable<LockResult> locks) =>
        locks.Where(l => l.WorstWait is not null).Select(l => l.WorstWait!)
            .OrderByDescending(w => w.WaitNs).ThenBy(w => w.EndNs).ThenBy(w => w.Instance, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The lock whose wait is <paramref name="worst"/>.</summary>
    public static LockResult? LockOf(IEnumerable<LockResult> locks, WorstWaitResult worst) => locks.FirstOrDefault(l => ReferenceEquals(l.WorstWait, worst));

    /// <summary>Virtual seconds with six decimals (microseconds), as ftrace prints time.</summary>
    public static string Time(long ns) => (ns / 1e9).ToString("0.000000", CultureInfo.InvariantCulture);
}
