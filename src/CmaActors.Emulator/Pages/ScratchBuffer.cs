namespace CmaActors.Emulator.Pages;

/// <summary>The scratch arrays an actor keeps for the pages one handler moves, grown to the largest use so far.</summary>
internal static class ScratchBuffer
{
    /// <summary>
    /// <paramref name="buffer"/>, first replaced by an array of at least <paramref name="length"/> entries (and at least
    /// twice its old size) when it is shorter.
    /// </summary>
    public static T[] Fit<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[Math.Max(length, 2 * buffer.Length)];
        return buffer;
    }
}
