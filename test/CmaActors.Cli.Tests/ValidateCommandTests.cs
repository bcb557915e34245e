using CmaActors.Emulator.Validation;
using Xunit;

namespace CmaActors.Cli.Tests;

/// <summary><c>cma-actors validate</c>: exit codes, the out-of-tolerance lines, bad input.</summary>
public sealed class ValidateCommandTests
{
    [Fact]
    public void Figures_out_of_tolerance_exit_1_and_are_named()
    {
        var results = Path.Combine(Repository(), "validation", "kernel", "results");
        using var folder = new TempFolder();
        var run = CliRunner.InProcess("validate", "--kernel", "6.1", "--results", results, "--known", folder.File("none.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Linux 6.1, plan idle, 2 vCPUs", run.Out);
        Assert.Contains("error: out of tolerance: 6.1 idle smp2 1 pages: pcp pages drained: kernel 3,275.7", run.Err);
        Assert.DoesNotContain("known disagreement", run.Err);
    }

    [Fact]
    public void Markdown_replaces_only_the_generated_part()
    {
        var results = Path.Combine(Repository(), "validation", "kernel", "results");
        using var folder = new TempFolder();
        var doc = folder.Write("fidelity.md",
            $"# title\n\n{ValidationText.BeginMarker}\nold\n{ValidationText.EndMarker}\n\nafter\n");
        CliRunner.InProcess("validate", "--results", results, "--markdown", doc);
        var text = File.ReadAllText(doc);
        Assert.StartsWith("# title\n\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nafter\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nold\n", text);
        Assert.Contains("| &amp;zone-&gt;lock acquisitions | 1 | 518 |", text);
    }

    [Fact]
    public void A_plan_without_a_matched_scenario_is_shown_as_not_compared()
    {
        var results = Path.Combine(Repository(), "validation", "kernel", "results");
        using var folder = new TempFolder();
        File.Copy(Path.Combine(results, "linux-6.1-idle-smp2.json"), folder.File("linux-6.1-idle-smp2.json"));
        folder.Write("linux-6.1-pinned-smp2.json",
            File.ReadAllText(Path.Combine(results, "linux-6.1-idle-smp2.json")).Replace("\"name\": \"idle\"", "\"name\": \"pinned\"", StringComparison.Ordinal));
        var scenarios = Path.Combine(Repository(), "validation", "kernel", "scenarios");
        var run = CliRunner.InProcess("validate", "--results", folder.Path, "--scenarios", scenarios, "--known", folder.File("none.json"));
        Assert.Contains("not compared: linux-6.1-pinned-smp2.json (plan pinned, 2 vCPUs): no matched scenario", run.Out);
        Assert.Contains("Linux 6.1, plan idle, 2 vCPUs", run.Out);
        Assert.DoesNotContain("pinned smp2", run.Err);
    }

    [Fact]
    public void Markdown_into_a_file_without_markers_appends_and_keeps_its_text()
    {
        var results = Path.Combine(Repository(), "validation", "kernel", "results");
        using var folder = new TempFolder();
        var doc = folder.Write("notes.md", "# notes\n\nwritten by hand\n");
        CliRunner.InProcess("validate", "--kernel", "6.1", "--results", results, "--markdown", doc);
        var text = File.ReadAllText(doc);
        Assert.StartsWith("# notes\n\nwritten by hand\n\n" + ValidationText.BeginMarker, text, StringComparison.Ordinal);
        Assert.EndsWith(ValidationText.EndMarker + "\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_measurements_is_bad_input()
    {
        using var folder = new TempFolder();
        var run = CliRunner.InProcess("validate", "--results", folder.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {folder.Path}: $: no measurement files", run.Err);
    }

    [Fact]
    public void An_invalid_measurement_file_is_bad_input_naming_file_and_path()
    {
        using var folder = new TempFolder();
        var file = folder.Write("linux-6.1-idle-smp2.json", """
            { "kernel": { "profile": "6.1", "release": "6.1.192" }, "guest": { "vcpus": "two" }, "plan": { "name": "idle" },
              "command": "x", "measured": "y", "allocations": [] }
            """);
        var run = CliRunner.InProcess("validate", "--results", folder.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {file}: $.guest.vcpus: expected a whole number, found a string", run.Err);
        Assert.Contains($"error: {file}: $.allocations: no allocations", run.Err);
        Assert.DoesNotContain("Exception", run.Err);
    }

    [Fact]
    public void An_unknown_kernel_is_bad_input()
    {
        var run = CliRunner.InProcess("validate", "--kernel", "4.19");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--kernel 4.19: unknown kernel", run.Err);
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CmaActors.sln")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
