using System.Globalization;
using Akka.Configuration;

namespace CmaActors.Runtime;

/// <summary>
/// The Akka configuration of parallel mode: the emulator dispatcher is Akka's own <c>Dispatcher</c> — on the .NET thread
/// pool like <c>akka.actor.default-dispatcher</c>, or on a dedicated pool of a set number of threads — with the
/// <see cref="ObservedMailboxType"/> that timestamps every message. The scheduler is Akka's default one (wall time).
/// </summary>
public static class ParallelConfig
{
    /// <summary>The runtime's configuration for <paramref name="settings"/>, its extra HOCON taking precedence.</summary>
    public static Config Create(ParallelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.Threads);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Throughput, 1);
        var executor = settings.Threads == 0
            ? "executor = default-executor"
            : $$"""
                executor = fork-join-executor
                dedicated-thread-pool { thread-count = {{settings.Threads.ToString(CultureInfo.InvariantCulture)}}, threadtype = background }
                """;
        var hocon = $$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            {{EmulatorDispatcher.Id}} {
              type = Dispatcher
              {{executor}}
              throughput = {{settings.Throughput.ToString(CultureInfo.InvariantCulture)}}
              mailbox-type = "{{typeof(ObservedMailboxType).FullName}}, {{typeof(ObservedMailboxType).Assembly.GetName().Name}}"
            }
            """;
        var config = ConfigurationFactory.ParseString(hocon);
        return string.IsNullOrWhiteSpace(settings.ExtraHocon) ? config : ConfigurationFactory.ParseString(settings.ExtraHocon).WithFallback(config);
    }
}
