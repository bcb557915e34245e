using System.Text.Json;
using CmaActors.Emulator.Kernel;

namespace CmaActors.Cli.Tests;

public sealed class KernelCommandTests
{
    [Fact]
    public void Kernels_lists_every_profile_with_its_mechanisms_functions_and_versions()
    {
        var run = CliRunner.InProcess("kernels");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var profile in KernelProfiles.All)
        {
            Assert.Contains(profile.Name, run.Out);
            foreach (var mechanism in profile.Mechanisms)
                Assert.Contains(mechanism.Name, run.Out);
        }

        Assert.Contains("drain_pages_zone", run.Out);
        Assert.Contains("443c2accd1b6", run.Out);
        Assert.Contains("pcp_spin_trylock fallback", run.Out);
    }

    [Fact]
    public void Kernels_names_gives_a_line_per_profile()
    {
        var run = CliRunner.InProcess("kernels", "--names");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(["6.12", "6.1", "5.10"], run.Out.Trim().Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void An_unknown_kernel_is_bad_input_on_the_command_line_and_in_a_scenario()
    {
        var option = CliRunner.InProcess("run", "race-contig", "--kernel", "4.4");
        Assert.Equal(ExitCodes.BadInput, option.ExitCode);
        Assert.Contains("--kernel 4.4: unknown kernel (known: 6.12, 6.1, 5.10)", option.Err);

        using var temp = new TempFolder();
        var file = temp.File("old.json");
        File.WriteAllText(file, SmallScenario.Json.Replace("\"seed\": 3,", "\"seed\": 3, \"kernel\": \"2.6\","));
        var scenario = CliRunner.InProcess("run", file);
        Assert.Equal(ExitCodes.BadInput, scenario.ExitCode);
        Assert.Contains("$.kernel", scenario.Err);
        Assert.Contains("unknown kernel '2.6'", scenario.Err);
    }

    [Theory]
    [InlineData("6.1")]
    [InlineData("6.12")]
    [InlineData("5.10")]
    public void Run_records_the_kernel_profile_in_results_json(string kernel)
    {
        var run = CliRunner.InProcess("run", "race-drain", "--kernel", kernel, "--json");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var profile = json.RootElement.GetProperty("kernel");
        Assert.Equal(kernel, profile.GetProperty("name").GetString());
        Assert.Equal(KernelProfiles.Find(kernel)!.Mechanisms.Count, profile.GetProperty("mechanisms").GetArrayLength());
    }

    [Fact]
    public void A_bug_without_a_kernel_runs_under_its_era_and_the_option_overrides_it()
    {
        string KernelOf(params string[] args)
        {
            var run = CliRunner.InProcess(["run", .. args, "--json"]);
            using var json = JsonDocument.Parse(run.Out);
            return json.RootElement.GetProperty("kernel").GetProperty("name").GetString()!;
        }

        Assert.Equal("6.12", KernelOf("race-isolation"));
        Assert.Equal("5.10", KernelOf("race-isolation", "--bug", "R1"));
        Assert.Equal("6.1", KernelOf("race-isolation", "--bug", "R1", "--kernel", "6.1"));
        Assert.Equal("6.12", KernelOf("race-drain", "--bug", "R4"));
    }
}
