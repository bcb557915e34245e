using System.Text.Json;
using CmaActors.Emulator.Reports;

namespace CmaActors.Cli.Tests;

/// <summary>What <c>run --out</c> writes, and that it writes it whole or not at all.</summary>
public sealed class OutputFilesTests
{
    [Fact]
    public void Run_writes_every_output_and_the_same_seed_writes_the_same_bytes()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var a = CliRunner.InProcess("run", scenario, "--seed", "7", "--out", temp.File("a"), "--quiet", "--snapshot-every", "0.5");
        var b = CliRunner.InProcess("run", scenario, "--seed", "7", "--out", temp.File("b"), "--quiet", "--snapshot-every", "0.5");
        Assert.True(a.ExitCode == 0, a.Err);
        Assert.True(b.ExitCode == 0, b.Err);

        var files = Directory.GetFiles(temp.File("a"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(temp.File("a"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var expected in new[] { "results.json", "report.md", "report.html", "lock_stat", "lock_contention", "trace.json", "trace",
                     "proc/0000.000s/buddyinfo", "proc/0000.500s/pagetypeinfo", "proc/0001.000s/buddyinfo", "proc/0000.500s/vmstat",
                     "proc/0001.000s/zoneinfo" })
            Assert.Contains(expected, files);
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(temp.File("a/" + file)).SequenceEqual(File.ReadAllBytes(temp.File("b/" + file))), $"{file} differs");

        Assert.StartsWith("lock_stat version 0.4\n", File.ReadAllText(temp.File("a/lock_stat")));
        Assert.Contains("&zone->lock:", File.ReadAllText(temp.File("a/lock_stat")));
        var md = File.ReadAllText(temp.File("a/report.md"));
        Assert.Contains("## Most contended locks", md);
        Assert.Contains("`trace.json` Chrome trace for Perfetto", md);
        Assert.Contains("### Emulator counters (no kernel file)", md);
        Assert.DoesNotContain("busy retries", md[..md.IndexOf("### Emulator counters", StringComparison.Ordinal)].Split("## CMA counters")[1]);
        var html = File.ReadAllText(temp.File("a/report.html"));
        Assert.Contains("Emulator counters (no kernel file)", html);
        Assert.Contains("emulator counters: cma_alloc() at work", html);
        Assert.Contains("## perf lock contention", md);
        Assert.StartsWith(" contended   total wait     max wait     avg wait         type   caller\n\n", File.ReadAllText(temp.File("a/lock_contention")));
        Assert.StartsWith("# tracer: nop\n#\n", File.ReadAllText(temp.File("a/trace")));
        Assert.StartsWith("nr_free_pages ", File.ReadAllText(temp.File("a/proc/0000.500s/vmstat")));
        Assert.StartsWith("Node 0, zone   Normal\n  pages free ", File.ReadAllText(temp.File("a/proc/0000.500s/zoneinfo")));
        using var results = JsonDocument.Parse(File.ReadAllText(temp.File("a/results.json")));
        Assert.Equal(3, results.RootElement.GetProperty("snapshots").GetArrayLength()); // 0, 0.5 and 1.0 s (the end)
        var zone = results.RootElement.GetProperty("locks").EnumerateArray().First(l => l.GetProperty("class").GetString() == "&zone->lock");
        foreach (var field in new[]
                 {
                     "conBounces", "acqBounces", "waitTimeAvgNs", "holdTimeAvgNs", "waitHistogram", "contentionPoints", "contendingPoints",
                     "contentionSites", "contendingSites", "worstWait",
                 })
            Assert.True(zone.TryGetProperty(field, out _), $"lock results lack '{field}'");
    }

    [Fact]
    public void A_failure_while_writing_leaves_no_file_of_the_bundle()
    {
        using var temp = new TempFolder();
        var folder = temp.File("out");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "proc"), "a file where the bundle needs a folder");
        var bundle = new OutputBundle().Add("results.json", "{}").Add("report.md", "# r").Add("proc/0000.000s/buddyinfo", "Node 0");

        Assert.ThrowsAny<IOException>(() => bundle.WriteTo(folder));
        Assert.Equal(["proc"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Out_of_range_diagnostics_options_are_bad_input_and_write_nothing()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        foreach (var args in new[]
                 {
                     new[] { "--trace-events", "0" }, ["--trace-from", "-1"], ["--snapshot-every", "-2"], ["--lock-sort", "acquired"],
                     ["--trace-around", "soon"], ["--trace-around", "-3"],
                 })
        {
            var run = CliRunner.InProcess(["run", scenario, "--out", temp.File("out"), .. args]);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(args[0], run.Err);
        }

        Assert.False(Directory.Exists(temp.File("out")) && Directory.EnumerateFileSystemEntries(temp.File("out")).Any());
    }
}
