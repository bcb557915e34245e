namespace CmaActors.Emulator.Scenarios;

/// <summary>What migration does with a page under writeback.</summary>
public enum WritebackAction
{
    /// <summary>Wait for the I/O to complete (MIGRATE_SYNC).</summary>
    Wait,

    /// <summary>Give up on the page for this round (-EBUSY, as lighter migration modes do).</summary>
    Busy,
}
