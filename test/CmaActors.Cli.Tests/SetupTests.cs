using System.Text.RegularExpressions;

namespace CmaActors.Cli.Tests;

/// <summary>What README tells a new user to run is what CI runs.</summary>
public sealed partial class SetupTests
{
    [Fact]
    public void Ci_runs_exactly_the_test_command_readme_gives()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var block = TestBlock().Match(readme);
        Assert.True(block.Success, "README has no 'Run the tests:' command block");
        var command = block.Groups["command"].Value.Trim();
        Assert.Equal("dotnet test CmaActors.sln -c Release", command);

        var ci = File.ReadAllLines(Path.Combine(root, ".ci", "run"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        Assert.Equal(command, ci[^1]);
        Assert.Single(ci, l => l.StartsWith("dotnet test", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cli_is_packed_as_the_cma_actors_tool()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "CmaActors.Cli", "CmaActors.Cli.csproj"));
        Assert.Contains("<PackAsTool>true</PackAsTool>", project);
        Assert.Contains("<ToolCommandName>cma-actors</ToolCommandName>", project);
        Assert.Contains("<PackageId>CmaActors.Cli</PackageId>", project);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CmaActors.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no CmaActors.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"Run the tests:\s*```sh\s*(?<command>[^`]+?)\s*```")]
    private static partial Regex TestBlock();
}
