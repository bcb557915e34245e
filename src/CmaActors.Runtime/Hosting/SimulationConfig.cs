using Akka.Configuration;

namespace CmaActors.Runtime;

/// <summary>
/// The Akka configuration of simulation mode: the virtual-time scheduler, and the emulator dispatcher mapped to the
/// <see cref="SimulationDispatcher"/> with its mailbox.
/// </summary>
public static class SimulationConfig
{
    /// <summary>The runtime's configuration, with <paramref name="extraHocon"/> taking precedence.</summary>
    public static Config Create(string? extraHocon = null)
    {
        var hocon = $$"""
            akka {
              scheduler.implementation = "{{TypeName(typeof(VirtualTimeScheduler))}}"
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters-during-shutdown = off
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            {{EmulatorDispatcher.Id}} {
              type = "{{TypeName(typeof(SimulationDispatcherConfigurator))}}"
              throughput = 1
              mailbox-type = "{{TypeName(typeof(SimulationMailboxType))}}"
            }
            """;
        var config = ConfigurationFactory.ParseString(hocon);
        return string.IsNullOrWhiteSpace(extraHocon) ? config : ConfigurationFactory.ParseString(extraHocon).WithFallback(config);
    }

    private static string TypeName(Type type) => type.FullName + ", " + type.Assembly.GetName().Name;
}
