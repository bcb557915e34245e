using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>Registers an already built <see cref="EmulatorRuntime"/> as the actor system's extension.</summary>
internal sealed class PreparedRuntimeId(EmulatorRuntime runtime) : ExtensionIdProvider<EmulatorRuntime>
{
    public override EmulatorRuntime CreateExtension(ExtendedActorSystem system) => runtime;
}
