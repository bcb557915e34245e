namespace CmaActors.Memory.Frames;

/// <summary>A run of page frames [<see cref="Start"/>, <see cref="End"/>).</summary>
public readonly record struct PfnRange(int Start, int Count)
{
    /// <summary>One past the last frame.</summary>
    public int End => Start + Count;

    /// <summary>True when <paramref name="pfn"/> lies in the range.</summary>
    public bool Contains(int pfn) => pfn >= Start && pfn < End;
}
