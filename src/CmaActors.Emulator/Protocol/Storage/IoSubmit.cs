namespace CmaActors.Emulator.Protocol.Storage;

/// <summary>Anyone → block device: one request of Pages contiguous pages; answered by IoComplete with the same Tag when the device has served it (FIFO).</summary>
public sealed record IoSubmit(long Tag, int Pages, bool Write);
