using System.Text.RegularExpressions;

namespace CmaActors.Cli.Tests.Mutations;

/// <summary>How one mutated scenario ended.</summary>
public enum MutationVerdict
{
    /// <summary>Exit 2 with clean messages: the file, a JSON path, the problem.</summary>
    Refused,

    /// <summary>A valid run: exit 0, its files written.</summary>
    Ran,
}

/// <summary>Runs mutated scenarios through the real command line, in-process, and judges how each ended.</summary>
public static partial class MutationRunner
{
    /// <summary>Virtual (or, in parallel mode, wall) time each valid mutant runs.</summary>
    public const string Duration = "5ms";

    /// <summary>Runs <paramref name="scenario"/>; returns how it ended, or throws with what was wrong.</summary>
    public static MutationVerdict Check(MutatedScenario scenario, string scratch)
    {
        var file = Path.Combine(scratch, $"mutant-{Environment.CurrentManagedThreadId}.json");
        var outDir = Path.Combine(scratch, $"out-{Environment.CurrentManagedThreadId}");
        File.WriteAllBytes(file, ScenarioMutator.Apply(scenario));
        try
        {
            var run = CliRunner.InProcess("run", file, "--duration", Duration, "--out", outDir);
            var all = run.Out + run.Err;
            if (StackTrace().IsMatch(all) || Internals().IsMatch(all))
                throw new MutationFailure(scenario, $"a stack trace or .NET internals in the output:\n{Cut(all)}");
            switch (run.ExitCode)
            {
                case ExitCodes.BadInput:
                    var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    if (lines.Length == 0 || lines.Any(l => !l.StartsWith($"error: {file}: $", StringComparison.Ordinal)))
                        throw new MutationFailure(scenario, $"exit 2 without a clean message naming the file and a JSON path:\n{Cut(run.Err)}");
                    if (Directory.Exists(outDir))
                        throw new MutationFailure(scenario, "exit 2 left an output folder behind");
                    return MutationVerdict.Refused;
                case ExitCodes.Ok:
                    if (!File.Exists(Path.Combine(outDir, "results.json")))
                        throw new MutationFailure(scenario, $"exit {run.ExitCode} without results.json in the output folder");
                    return MutationVerdict.Ran;
                default:
                    throw new MutationFailure(scenario, $"exit {run.ExitCode}:\n{Cut(all)}");
            }
        }
        finally
        {
            if (Directory.Exists(outDir))
                Directory.Delete(outDir, recursive: true);
            File.Delete(file);
        }
    }

    private static string Cut(string text) => text.Length > 4000 ? text[..4000] + "…" : text;

    [GeneratedRegex(@"^\s+at \S+\(|--- End of", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"System\.[A-Z]|Exception\b|Nullable`|isFinalBlock|nullability annotation|missing required properties|CmaActors\.[A-Z]")]
    private static partial Regex Internals();
}

/// <summary>A mutated scenario that crashed, leaked internals, or left a folder behind.</summary>
public sealed class MutationFailure(MutatedScenario scenario, string problem) : Exception($"{scenario}: {problem}");
