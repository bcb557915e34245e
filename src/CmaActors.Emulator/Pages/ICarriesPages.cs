namespace CmaActors.Emulator.Pages;

/// <summary>A message with page batches inside: the invariant checker verifies them when the message is delivered.</summary>
public interface ICarriesPages
{
    /// <summary>The first batch carried, if any.</summary>
    PageBatch? FirstBatch { get; }

    /// <summary>The second batch carried, if any.</summary>
    PageBatch? SecondBatch => null;
}
