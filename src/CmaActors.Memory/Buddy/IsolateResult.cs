namespace CmaActors.Memory.Buddy;

/// <summary>Result of set_migratetype_isolate(): the status and the page it concerns
/// (the unmovable page for <see cref="IsolateStatus.HasUnmovablePages"/>, else the pageblock start).</summary>
public readonly record struct IsolateResult(IsolateStatus Status, int Pfn)
{
    /// <summary>True when the pageblock was isolated (return value 0 in the kernel).</summary>
    public bool Succeeded => Status == IsolateStatus.Isolated;
}
