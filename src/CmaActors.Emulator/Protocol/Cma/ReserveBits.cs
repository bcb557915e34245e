namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>cma_alloc task → CMA area: under cma->lock, find a zero run of Bits bits from Start (mask, offset) and set it; answered by BitsReserved.</summary>
public sealed record ReserveBits(int Start, int Bits, int Mask, int Offset);
