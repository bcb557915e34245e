namespace CmaActors.Runtime;

/// <summary>What one turn of the driver loop did.</summary>
internal enum UnitResult
{
    /// <summary>Nothing was due (within the limit).</summary>
    Nothing,

    /// <summary>System work, runtime-internal work or a timer firing.</summary>
    Other,

    /// <summary>A message was handed to an emulator actor's handler.</summary>
    Delivery,
}
