using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Policies;

/// <summary>The built-in GCMA scenarios cut down to a couple of minutes of virtual time and a few sizes.</summary>
public static class ReducedGcmaScenarios
{
    /// <summary>gcma-microbench with sizes 64, 4096 and 16384 pages, 4 calls each.</summary>
    public static Scenario Loaded() => Shorten(BuiltInScenarios.Load("gcma-microbench"), [64, 4096, 16384], repeat: 4, seconds: 130);

    /// <summary>gcma-microbench-idle with sizes 1, 64, 4096 and 16384 pages, 3 calls each.</summary>
    public static Scenario Idle() => Shorten(BuiltInScenarios.Load("gcma-microbench-idle"), [1, 64, 4096, 16384], repeat: 3, seconds: 40);

    /// <summary>The loaded variant without the kinds that block CMA: no dirtying (so no writeback), no pins.</summary>
    public static Scenario LoadedWithoutDirtyWritebackOrPins()
    {
        var loaded = Loaded();
        return loaded with
        {
            Workloads = loaded.Workloads.Select(w => w is BackgroundSpec b
                ? b with { FileWritePercent = 0, PinsPerSecond = 0, LongPinsPerGiB = 0 }
                : w).ToList(),
        };
    }

    /// <summary>Requests of nearly the whole area while long pins are scattered over it.</summary>
    public static Scenario NearlyWholeArea()
    {
        var loaded = Shorten(BuiltInScenarios.Load("gcma-microbench"), [60_000], repeat: 2, seconds: 120);
        return loaded with
        {
            Workloads = loaded.Workloads.Select(w => w is BackgroundSpec b ? b with { LongPinsPerGiB = 256 } : w).ToList(),
        };
    }

    private static Scenario Shorten(Scenario scenario, IReadOnlyList<int> sizes, int repeat, double seconds) => scenario with
    {
        DurationSeconds = seconds,
        Workloads = scenario.Workloads.Select(w => w is CmaDeviceSpec d ? d with { Sizes = sizes, Repeat = repeat } : w).ToList(),
    };
}
