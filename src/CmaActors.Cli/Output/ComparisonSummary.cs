using System.Globalization;
using CmaActors.Emulator.Results;
using Spectre.Console;

namespace CmaActors.Cli.Output;

/// <summary>The side-by-side tables of a policy comparison.</summary>
public static class ComparisonSummary
{
    /// <summary>Writes the tables, after a line with the wall time the <paramref name="workers"/> took.</summary>
    public static void Write(IAnsiConsole console, ComparisonResult c, TimeSpan wall, int workers, string? resultsPath)
    {
        console.MarkupLine($"[bold]{Markup.Escape(c.Scenario)}[/] under {string.Join(", ", c.Policies.Select(p => p.Policy))}, " +
                           $"seed {c.Seed}, {wall.TotalSeconds:F1} s wall with {WorkerSwitch.Label(workers)}");
        console.Write(LatencyTable("cma_alloc latency by size (virtual ms)", c, area => area.LatencyBySize));
        if (c.Runs.Values.Any(r => r.Cma.Areas.Any(a => a.RequestLatency.Count > 0)))
            console.Write(LatencyTable("request latency: all chunks of a request (virtual ms)", c, area => area.RequestLatency));
        console.Write(PolicyTable(c));
        if (resultsPath is not null)
            console.MarkupLine($"results: {Markup.Escape(resultsPath)}");
    }

    private static Table LatencyTable(string title, ComparisonResult c, Func<CmaAreaResult, IReadOnlyList<SizeLatencyResult>> select)
    {
        var table = new Table().Title(title).AddColumns("pages", "policy", "count", "fail", "min", "avg", "p50", "p90", "p99", "max");
        foreach (var column in table.Columns.Skip(2))
            column.RightAligned();
        var sizes = c.Runs.Values.SelectMany(r => r.Cma.Areas.SelectMany(select)).Select(s => s.Pages).Distinct().Order().ToList();
        foreach (var pages in sizes)
        {
            foreach (var (policy, run) in c.Runs.OrderBy(r => Order(c, r.Key)))
            {
                var s = run.Cma.Areas.SelectMany(select).FirstOrDefault(x => x.Pages == pages);
                if (s is null)
                    continue;
                table.AddRow(N(pages), policy, N(s.Count), s.Failures > 0 ? $"[red]{s.Failures}[/]" : "0", Ms(s.MinMs), Ms(s.MeanMs), Ms(s.P50Ms),
                    Ms(s.P90Ms), Ms(s.P99Ms), Ms(s.MaxMs));
            }
        }

        return table;
    }

    private static Table PolicyTable(ComparisonResult c)
    {
        var table = new Table().Title("policies")
            .AddColumns("policy", "calls", "failures", "background accesses/s", "background cost", "area utilisation", "device busy", "invariants");
        foreach (var column in table.Columns.Skip(1))
            column.RightAligned();
        if (c.Baseline?.Background is { } b)
            table.AddRow("(background alone)", "0", "0", b.AccessesPerSecond.ToString("N0", CultureInfo.InvariantCulture), "-", "-",
                Pct(c.Baseline.Device.Utilisation * 100), c.Baseline.Violation is null ? "held" : "[red]violated[/]");
        foreach (var p in c.Policies)
            table.AddRow(p.Policy, N(p.Calls), p.Failures > 0 ? $"[red]{p.Failures}[/]" : "0",
                p.BackgroundAccessesPerSecond?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
                p.BackgroundCostPercent is { } cost ? $"{cost:+0.0;-0.0;0.0}%" : "-", Pct(p.AreaUtilisationPercent), Pct(p.DeviceUtilisationPercent),
                p.InvariantsHeld ? "held" : "[red]violated[/]");
        return table;
    }

    private static int Order(ComparisonResult c, string policy) => c.Policies.Select(p => p.Policy).ToList().IndexOf(policy);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : ms < 1000 ? "F1" : "F0", CultureInfo.InvariantCulture);
}
