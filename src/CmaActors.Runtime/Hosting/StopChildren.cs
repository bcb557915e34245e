namespace CmaActors.Runtime;

/// <summary>Asks the simulation root to stop every actor it created (the end of a schedule).</summary>
internal sealed class StopChildren
{
    public static readonly StopChildren Instance = new();
}
