namespace CmaActors.Emulator.Protocol.Load;

/// <summary>Runner → load injector: go on where the load stopped.</summary>
public sealed record ResumeLoad
{
    /// <summary>The one instance.</summary>
    public static readonly ResumeLoad Instance = new();
}
