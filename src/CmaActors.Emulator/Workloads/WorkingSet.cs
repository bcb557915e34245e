namespace CmaActors.Emulator.Workloads;

/// <summary>
/// A process's working set: for each of its logical pages, where it is, the pfn backing it, and an LRU list of the
/// resident ones (head = most recently used). Anonymous and file pages are interleaved: page p is anonymous when
/// p mod 100 is below the anonymous percentage.
/// </summary>
public sealed class WorkingSet
{
    private readonly LogicalPageState[] _state;
    private readonly int[] _pfn;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly long[] _dirtiedAt;
    private readonly double _anonPercent;
    private int _head = -1;
    private int _tail = -1;

    /// <summary>Creates a working set of <paramref name="pages"/> pages, <paramref name="anonPercent"/>% of them anonymous.</summary>
    public WorkingSet(int pages, double anonPercent)
    {
        Pages = pages;
        _anonPercent = anonPercent;
        _state = new LogicalPageState[pages];
        _pfn = new int[pages];
        _prev = new int[pages];
        _next = new int[pages];
        _dirtiedAt = new long[pages];
        Array.Fill(_pfn, -1);
        Array.Fill(_prev, -1);
        Array.Fill(_next, -1);
    }

    /// <summary>Logical pages.</summary>
    public int Pages { get; }


    /// <summary>Pages on the LRU.</summary>
    public int Resident { get; private set; }

    /// <summary>The least recently used resident page, or -1.</summary>
    public int LruTail => _tail;

    /// <summary>True for an anonymous page.</summary>
    public bool IsAnon(int page) => page % 100 < _anonPercent;

    /// <summary>Where the page is.</summary>
    public LogicalPageState StateOf(int page) => _state[page];

    /// <summary>The pfn backing the page, or -1.</summary>
    public int PfnOf(int page) => _pfn[page];

    /// <summary>When the page was last dirtied (the flusher's age), ns.</summary>
    public long DirtiedAt(int page) => _dirtiedAt[page];

    /// <summary>Records when the page was dirtied.</summary>
    public void SetDirtiedAt(int page, long ns) => _dirtiedAt[page] = ns;

    /// <summary>A fault starts on the page.</summary>
    public void StartFault(int page) => _state[page] = LogicalPageState.Faulting;

    /// <summary>The page is backed by <paramref name="pfn"/> (a fault got its page, or migration moved it).</summary>
    public void Back(int page, int pfn) => _pfn[page] = pfn;

    /// <summary>The fault finished: the page is resident and most recently used.</summary>
    public void MakeResident(int page)
    {
        _state[page] = LogicalPageState.Resident;
        LinkHead(page);
        Resident++;
    }

    /// <summary>The page was used: move it to the LRU head (also what putback after migration does).</summary>
    public void Touch(int page)
    {
        if (_state[page] != LogicalPageState.Resident || _head == page)
            return;
        Unlink(page);
        LinkHead(page);
    }

    /// <summary>The page leaves memory.</summary>
    public void Evict(int page)
    {
        if (_state[page] == LogicalPageState.Resident)
        {
            Unlink(page);
            Resident--;
        }

        _state[page] = LogicalPageState.Evicted;
        _pfn[page] = -1;
    }

    /// <summary>The page one step nearer the LRU head than <paramref name="page"/>, or -1.</summary>
    public int Newer(int page) => _prev[page];

    private void LinkHead(int page)
    {
        _prev[page] = -1;
        _next[page] = _head;
        if (_head >= 0)
            _prev[_head] = page;
        _head = page;
        if (_tail < 0)
            _tail = page;
    }

    private void Unlink(int page)
    {
        var prev = _prev[page];
        var next = _next[page];
        if (prev >= 0)
            _next[prev] = next;
        else
            _head = next;
        if (next >= 0)
            _prev[next] = prev;
        else
            _tail = prev;
        _prev[page] = _next[page] = -1;
    }
}
