using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace CmaActors.Cluster.Nodes;

/// <summary>
/// Akka's log, one line per event on standard error (standard output stays the command's): "akka warning: ...", with
/// the cause's message but no stack trace. A connection closed by a peer that left or died is not logged: the
/// coordinator reports lost nodes itself.
/// </summary>
public sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>A logger.</summary>
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    private static void Write(LogEvent e)
    {
        if (e.Cause?.GetType().Name is "EndpointDisassociatedException" or "InvalidAssociationException"
            || e.Message?.ToString()?.StartsWith("Association with remote system", StringComparison.Ordinal) == true)
            return;
        var level = e.LogLevel() switch
        {
            LogLevel.ErrorLevel => "error",
            LogLevel.WarningLevel => "warning",
            LogLevel.InfoLevel => "info",
            _ => "debug",
        };
        var cause = e.Cause is { } c ? $" ({c.GetType().Name}: {c.Message.Split('\n')[0]})" : "";
        Console.Error.WriteLine($"akka {level}: {e.Message}{cause}");
    }
}
