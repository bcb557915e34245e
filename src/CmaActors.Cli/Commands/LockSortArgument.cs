using System.CommandLine;
using CmaActors.Emulator.Reports;

namespace CmaActors.Cli.Commands;

/// <summary><c>--lock-sort contended|wait_total|wait_max|avg_wait</c>: the sort key of the perf lock contention report.</summary>
public static class LockSortArgument
{
    /// <summary>The option.</summary>
    public static Option<string> CreateOption() => new("--lock-sort")
    {
        Description = "Sort key of lock_contention and the console's lock table, as perf lock contention's -k: contended, wait_total, " +
                      "wait_max or avg_wait (default wait_total, perf's default)",
        DefaultValueFactory = _ => LockContentionText.SortName(LockContentionText.DefaultSort),
    };

    /// <summary>The key named <paramref name="value"/>.</summary>
    /// <exception cref="CliInputException">Not one of the keys.</exception>
    public static LockContentionSort Parse(string value) => LockContentionText.ParseSort(value)
        ?? throw new CliInputException($"--lock-sort {value}: give one of {string.Join(", ", LockContentionText.SortNames)}");
}
