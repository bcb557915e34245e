using System.Runtime.ExceptionServices;

namespace CmaActors.Runtime;

/// <summary>
/// Several simulations at once in one process: each worker is a thread of its own running single-threaded
/// simulations (each with its own actor system). Used by explorations, sweeps and policy comparisons; what they report
/// is put together in a fixed order afterwards, so it does not depend on how many workers ran.
/// </summary>
public static class WorkerThreads
{
    /// <summary>
    /// Runs <paramref name="work"/>(i) for i in [0, <paramref name="count"/>), each on a thread named
    /// <paramref name="name"/>-i (one worker: on the calling thread), and waits for all. When workers throw, the first
    /// exception is rethrown once every worker has ended.
    /// </summary>
    public static void Run(int count, string name, Action<int> work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(work);
        if (count == 1)
        {
            work(0);
            return;
        }

        Exception? failure = null;
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                work(i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        })
        {
            Name = $"{name}-{i}",
            IsBackground = true,
        }).ToList();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();
        if (failure is not null)
            ExceptionDispatchInfo.Throw(failure);
    }
}
