using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>The built-in default scenario, run once for every test that needs it, with the raw lock observations attached.</summary>
public static class DefaultRun
{
    private static readonly Lazy<(RunResult Result, LockObservations Observed)> Run = new(() =>
    {
        using var run = ScenarioRun.Create(BuiltInScenarios.Load("default"));
        var observed = new LockObservations(run.Host.Machine, run.Session.Runtime);
        run.Host.AddObserver(observed);
        run.Start();
        run.RunToEnd();
        return (run.Outcome().Result, observed);
    });

    /// <summary>The run's result.</summary>
    public static RunResult Result => Run.Value.Result;

    /// <summary>What the raw observations say.</summary>
    public static LockObservations Observed => Run.Value.Observed;
}
