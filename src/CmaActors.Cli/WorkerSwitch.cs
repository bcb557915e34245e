using System.CommandLine;

namespace CmaActors.Cli;

/// <summary>The <c>--workers N</c> option: how many simulations run at once in this process, each on its own thread.</summary>
public static class WorkerSwitch
{
    /// <summary>A new <c>--workers</c> option.</summary>
    public static Option<int?> CreateOption() => new("--workers")
    {
        Description = $"Simulations run at once in this process (default: the core count, {Environment.ProcessorCount}); not with --cluster",
    };

    /// <summary>The workers asked for (default: the core count); refused with <c>--cluster</c>.</summary>
    /// <exception cref="CliInputException">Out of range, or given with --cluster.</exception>
    public static int Read(ParseResult parse, Option<int?> option, bool cluster)
    {
        var given = parse.GetValue(option);
        if (cluster && given is not null)
            throw new CliInputException("--workers: not with --cluster (each worker node runs its --slots simulations at once)");
        var workers = given ?? Environment.ProcessorCount;
        if (workers is < 1 or > 1024)
            throw new CliInputException($"--workers {workers}: must be in [1, 1024]");
        return workers;
    }

    /// <summary>"1 worker", "2 workers".</summary>
    public static string Label(int workers) => $"{workers} worker{(workers == 1 ? "" : "s")}";
}
