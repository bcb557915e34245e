using System.Globalization;
using CmaActors.Emulator.Results;
using Spectre.Console;

namespace CmaActors.Cli.Output;

/// <summary>The load-test report of a workload: per phase, requests per second, failures and latency percentiles.</summary>
public static class LoadSummary
{
    /// <summary>Writes one table per workload driven by a load profile.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<WorkloadLoadResult> workloads, string timeUnit)
    {
        foreach (var w in workloads)
        {
            var table = new Table().Title($"load on '{Markup.Escape(w.Workload)}' (latency in {timeUnit} ms, from injection to answer)")
                .AddColumns("phase", "s", "requests", "ok", "failed", "unfinished", "RPS", "min", "mean", "p50", "p75", "p95", "p99", "max");
            for (var i = 1; i < table.Columns.Count; i++)
                table.Columns[i].RightAligned();
            foreach (var p in w.Phases.Append(w.Total))
            {
                var l = p.LatencyMs;
                table.AddRow(Markup.Escape(p.Phase), F(p.Seconds, "0.#"), N(p.Injected), N(p.Ok), p.Failed > 0 ? $"[red]{N(p.Failed)}[/]" : "0",
                    N(p.Unfinished), F(p.Rps, "0.#"), Ms(l.Min), Ms(l.Mean), Ms(l.P50), Ms(l.P75), Ms(l.P95), Ms(l.P99), Ms(l.Max));
            }

            console.Write(table);
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
