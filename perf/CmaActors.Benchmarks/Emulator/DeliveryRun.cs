using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>A started machine in either mode that can be asked to go on for a number of deliveries.</summary>
public sealed class DeliveryRun : IDisposable
{
    private readonly SimulationSession? _simulation;
    private readonly ParallelSession? _parallel;

    /// <summary>Boots and starts the machine of <paramref name="scenario"/> in its mode.</summary>
    public DeliveryRun(Scenario scenario)
    {
        if (scenario.Mode == RunMode.Parallel)
        {
            _parallel = ParallelSession.Create(scenario);
            _parallel.Start();
        }
        else
        {
            _simulation = SimulationSession.Create(scenario);
            _simulation.Start();
        }
    }

    /// <summary>Deliveries so far.</summary>
    public long Deliveries => _simulation?.Driver.Steps ?? _parallel!.Host.Deliveries;

    /// <summary>Returns once <paramref name="count"/> more messages have been delivered.</summary>
    public void Advance(long count)
    {
        var target = Deliveries + count;
        if (_simulation is { } simulation)
        {
            simulation.Driver.StopRequested = () => simulation.Driver.Steps >= target;
            if (!simulation.RunUntil(long.MaxValue) || simulation.Driver.Steps < target)
                throw new InvalidOperationException($"the simulation stopped after {simulation.Driver.Steps} of {target} deliveries");
            return;
        }

        var spinner = new SpinWait();
        while (_parallel!.Host.Deliveries < target)
        {
            _parallel.ThrowIfFailed();
            spinner.SpinOnce(sleep1Threshold: 10);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _simulation?.Dispose();
        _parallel?.Dispose();
    }
}
