namespace CmaActors.Emulator.Protocol.Storage;

/// <summary>Block device → submitter: the request with this tag is done.</summary>
public sealed record IoComplete(long Tag);
