
namespace CmaActors.Runtime;

/// <summary>
/// The <see cref="IClock"/> of simulation mode: virtual time kept by the <see cref="SimulationDriver"/>.
/// </summary>
public sealed class SimulationClock : IClock
{
    private readonly SimulationDriver _driver;

    internal SimulationClock(SimulationDriver driver) => _driver = driver;

    /// <inheritdoc />
    public long NowNs => _driver.ClockNowNs;

    /// <inheritdoc />
    public void Spend(long ns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ns);
        _driver.Spend(ns);
    }
}
