using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>Asks the simulation root to create a child actor; the root fills in the outcome.</summary>
internal sealed class SpawnRequest
{
    public SpawnRequest(Props props, string name)
    {
        Props = props;
        Name = name;
    }

    public Props Props { get; }

    public string Name { get; }

    public IActorRef? Result { get; set; }

    public Exception? Error { get; set; }

    public bool Completed { get; set; }
}
