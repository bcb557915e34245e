namespace CmaActors.Emulator.Exploration;

/// <summary>One delivery of a traced schedule, placed on the CPU that ran it.</summary>
/// <param name="Step">The delivery's step.</param>
/// <param name="Unit">The unit of work it was (the strategy's decision index).</param>
/// <param name="Cpu">The CPU that ran the handler: the receiver's, or for a lock-like actor the sender's (-1 when neither runs on one).</param>
/// <param name="From">The sender's name.</param>
/// <param name="To">The receiver's name.</param>
/// <param name="Message">The message, as text.</param>
/// <param name="Forced">The strategy was forced to run this unit (a switch of a minimised schedule).</param>
/// <param name="Delayed">The message was delayed past later sends (a reordering of a minimised schedule).</param>
/// <param name="Operation">The message is a workload's request to the kernel (an allocation, free or cma_alloc call).</param>
public sealed record TracedDelivery(long Step, long Unit, int Cpu, string From, string To, string Message, bool Forced, bool Delayed, bool Operation);
