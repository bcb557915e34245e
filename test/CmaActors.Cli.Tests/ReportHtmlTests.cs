using System.Text.Json;
using CmaActors.Cli.Tests.Browser;

namespace CmaActors.Cli.Tests;

/// <summary>report.html opened in headless Chromium, the way a person would look at it.</summary>
public sealed class ReportHtmlTests
{
    [Fact]
    public async Task Report_renders_every_chart_without_console_errors_or_network()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("run", scenario, "--out", temp.File("out"), "--quiet");
        Assert.True(run.ExitCode == 0, run.Err);
        var report = temp.File("out/report.html");

        await using var chromium = await HeadlessChromium.Start();
        await chromium.Load(new Uri(report).AbsoluteUri);
        var charts = await chromium.Evaluate(
            "JSON.stringify([...document.querySelectorAll('img.chart')].map(i => ({ kind: i.dataset.chart, ok: i.complete && i.naturalWidth > 100 && i.naturalHeight > 100 })))");
        using var doc = JsonDocument.Parse(charts!.GetValue<string>());
        var images = doc.RootElement.EnumerateArray().Select(e => (Kind: e.GetProperty("kind").GetString()!, Ok: e.GetProperty("ok").GetBoolean())).ToList();

        Assert.Empty(chromium.Errors);
        Assert.All(images, i => Assert.True(i.Ok, $"chart '{i.Kind}' did not render"));
        foreach (var kind in new[] { "latency-cdf", "lock-wait", "free-pages", "pageblock-map", "pageblock-use" })
            Assert.Contains(images, i => i.Kind == kind);
        Assert.All(chromium.Requests, url => Assert.True(url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"the report fetched {url}"));
        var headings = await chromium.Evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent).join('|')");
        Assert.Contains("Locks", headings!.GetValue<string>());
    }
}
