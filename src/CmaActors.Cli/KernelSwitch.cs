using System.CommandLine;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cli;

/// <summary>The <c>--kernel NAME</c> option: the kernel profile a run plays (see <c>cma-actors kernels</c>).</summary>
public static class KernelSwitch
{
    /// <summary>A new <c>--kernel</c> option.</summary>
    public static Option<string?> CreateOption() => new("--kernel")
    {
        Description = $"Kernel profile: {string.Join(", ", KernelProfiles.Names)} (default: the scenario's, else its bugs' era, else {KernelProfiles.Default.Name}; see 'cma-actors kernels')",
    };

    /// <summary>The scenario with its kernel set to <paramref name="name"/>, or unchanged when null.</summary>
    /// <exception cref="CliInputException">The name is not a known profile.</exception>
    public static Scenario Apply(Scenario scenario, string? name)
    {
        if (name is null)
            return scenario;
        var profile = KernelProfiles.Find(name)
                      ?? throw new CliInputException($"--kernel {name}: unknown kernel (known: {string.Join(", ", KernelProfiles.Names)})");
        return scenario with { Kernel = profile.Name };
    }
}
