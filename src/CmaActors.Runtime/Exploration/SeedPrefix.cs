using System.Runtime.ExceptionServices;

namespace CmaActors.Runtime;

/// <summary>
/// The bookkeeping of an exploration whose schedules run on several threads: it hands out seed offsets in ascending
/// order and keeps the longest run of offsets from the first one that have all finished, so that what it reports is
/// what one thread running the seeds in order reports — the first failing seed, the schedules up to it and their
/// deliveries — whatever order the schedules finish in. A schedule that threw counts as a failure at its offset: the
/// exception is rethrown when no earlier seed failed. Safe to call from any thread.
/// </summary>
internal sealed class SeedPrefix(int budget, Action<int>? progress)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, long> _finishedAhead = new();
    private int _next;
    private int _firstFailing = int.MaxValue;
    private ScheduleOutcome? _failure;
    private ExceptionDispatchInfo? _thrown;
    private int _finished;
    private long _steps;

    /// <summary>Seeds run, from the first, with none missing: the schedules a single thread would have run by now.</summary>
    public int Finished
    {
        get
        {
            lock (_gate) return _finished;
        }
    }

    /// <summary>The deliveries of those schedules.</summary>
    public long Steps
    {
        get
        {
            lock (_gate) return _steps;
        }
    }

    /// <summary>The earliest failing offset's outcome (null when none failed, or when it threw).</summary>
    public ScheduleOutcome? Failure
    {
        get
        {
            lock (_gate) return _failure;
        }
    }

    /// <summary>The earliest failing offset, or -1.</summary>
    public int FailingOffset
    {
        get
        {
            lock (_gate) return _firstFailing == int.MaxValue ? -1 : _firstFailing;
        }
    }

    /// <summary>
    /// The next offset to run: false once the budget is spent, or every offset before a failure has been handed out
    /// (a single thread would have stopped at the failure), or <paramref name="cancel"/> is set.
    /// </summary>
    public bool TryTake(CancellationToken cancel, out int offset)
    {
        lock (_gate)
        {
            offset = _next;
            if (cancel.IsCancellationRequested || _next >= budget || _next > _firstFailing)
                return false;
            _next++;
            return true;
        }
    }

    /// <summary>Records the outcome of the schedule at <paramref name="offset"/>.</summary>
    public void Finish(int offset, ScheduleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            if (outcome.Failed && offset < _firstFailing)
            {
                _firstFailing = offset;
                _failure = outcome;
                _thrown = null;
            }

            Advance(offset, outcome.Steps);
        }
    }

    /// <summary>Records that the schedule at <paramref name="offset"/> threw <paramref name="exception"/>.</summary>
    public void Throw(int offset, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        lock (_gate)
        {
            if (offset < _firstFailing)
            {
                _firstFailing = offset;
                _failure = null;
                _thrown = ExceptionDispatchInfo.Capture(exception);
            }

            Advance(offset, 0);
        }
    }

    /// <summary>Rethrows the exception of the earliest failing offset, when it threw.</summary>
    public void RethrowIfThrown()
    {
        lock (_gate) _thrown?.Throw();
    }

    // Offsets up to the earliest failure join the prefix in order; one finished early waits in _finishedAhead. Nothing
    // after a failure joins it: no offset after the failure can join before the failure itself has finished, and by
    // then the failure is known.
    private void Advance(int offset, long steps)
    {
        _finishedAhead.Add(offset, steps);
        var before = _finished;
        while (_finished <= _firstFailing && _finishedAhead.Remove(_finished, out var s))
        {
            _steps += s;
            _finished++;
        }

        if (_finished != before)
            progress?.Invoke(_finished);
    }
}
