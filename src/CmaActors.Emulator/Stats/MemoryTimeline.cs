using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Free memory and the pageblock map over time, sampled between deliveries (outside every handler, so reading the
/// zones is safe): each zone's NR_FREE_PAGES and NR_FREE_CMA_PAGES and the pages on pcp lists at every sample, and the
/// type and the main use of every pageblock at most every <see cref="MapEveryNs"/>.
/// </summary>
public sealed class MemoryTimeline
{
    /// <summary>Code of a pageblock that lies in a carve-out or GCMA area: outside the buddy allocator, not a migratetype.</summary>
    public const byte ReservedBlock = MigrateTypes.Count;

    private readonly EmulatedMachine _machine;
    private readonly bool[] _reservedBlock;
    private readonly List<long> _times = [];
    private readonly List<long>[] _free;
    private readonly List<long>[] _freeCma;
    private readonly List<long> _pcp = [];
    private readonly List<long> _mapTimes = [];
    private readonly List<byte[]> _maps = [];
    private readonly List<byte[]> _uses = [];
    private long _nextMapNs;

    /// <summary>Samples <paramref name="machine"/>, the pageblock map at most every <paramref name="mapEveryNs"/>.</summary>
    public MemoryTimeline(EmulatedMachine machine, long mapEveryNs)
    {
        _machine = machine;
        MapEveryNs = mapEveryNs;
        _free = machine.Zones.Select(_ => new List<long>()).ToArray();
        _freeCma = machine.Zones.Select(_ => new List<long>()).ToArray();
        var pageblocks = machine.Frames.FrameCount >> machine.Geometry.PageblockOrder;
        _reservedBlock = new bool[pageblocks];
        foreach (var area in machine.Areas.Where(a => a.Policy != AreaPolicy.Cma))
            for (var pfn = area.BasePfn; pfn < area.BasePfn + area.PageCount; pfn += machine.Geometry.PageblockNrPages)
                _reservedBlock[pfn >> machine.Geometry.PageblockOrder] = true;
    }

    /// <summary>Virtual time between two pageblock maps, ns.</summary>
    public long MapEveryNs { get; }

    /// <summary>Times of the samples, ns.</summary>
    public IReadOnlyList<long> TimesNs => _times;

    /// <summary>NR_FREE_PAGES of zone <paramref name="zone"/> at each sample.</summary>
    public IReadOnlyList<long> FreePages(int zone) => _free[zone];

    /// <summary>NR_FREE_CMA_PAGES of zone <paramref name="zone"/> at each sample.</summary>
    public IReadOnlyList<long> FreeCmaPages(int zone) => _freeCma[zone];

    /// <summary>Pages on every CPU's pcp lists at each sample.</summary>
    public IReadOnlyList<long> PcpPages => _pcp;

    /// <summary>Times of the pageblock maps, ns.</summary>
    public IReadOnlyList<long> MapTimesNs => _mapTimes;

    /// <summary>
    /// The pageblock maps: one byte per pageblock from pfn 0 up, the block's migratetype
    /// (<see cref="MigrateType"/>) or <see cref="ReservedBlock"/>.
    /// </summary>
    public IReadOnlyList<byte[]> Maps => _maps;

    /// <summary>
    /// What most pages of each pageblock hold, at the same times as <see cref="Maps"/>: one byte per pageblock, an
    /// <see cref="PageblockUse"/>.
    /// </summary>
    public IReadOnlyList<byte[]> Uses => _uses;

    /// <summary>Takes a sample at <paramref name="nowNs"/>.</summary>
    public void Sample(long nowNs)
    {
        _times.Add(nowNs);
        for (var z = 0; z < _machine.Zones.Count; z++)
        {
            _free[z].Add(_machine.Zones[z].NrFreePages);
            _freeCma[z].Add(_machine.Zones[z].NrFreeCmaPages);
        }

        long pcp = 0;
        foreach (var cpu in _machine.Cpus)
            foreach (var lists in cpu.PcpByZone)
                pcp += lists.Count;
        _pcp.Add(pcp);

        if (nowNs < _nextMapNs)
            return;
        _nextMapNs = nowNs + MapEveryNs;
        _mapTimes.Add(nowNs);
        _maps.Add(Map());
        _uses.Add(UseMap());
    }

    private byte[] UseMap()
    {
        var frames = _machine.Frames;
        var perBlock = _machine.Geometry.PageblockNrPages;
        var uses = new byte[_reservedBlock.Length];
        Span<int> byPlaceAndKind = stackalloc int[64];
        Span<int> counts = stackalloc int[PageblockUses.Count];
        for (var block = 0; block < uses.Length; block++)
        {
            byPlaceAndKind.Clear();
            frames.CountPlaceAndKind(block * perBlock, perBlock, byPlaceAndKind);
            counts.Clear();
            for (var i = 0; i < byPlaceAndKind.Length; i++)
                counts[(int)PageblockUses.Of((PagePlace)(i >> 3), (PageKind)(i & 7))] += byPlaceAndKind[i];
            var most = 0;
            for (var use = 1; use < counts.Length; use++)
                if (counts[use] > counts[most])
                    most = use;
            uses[block] = (byte)most;
        }

        return uses;
    }

    private byte[] Map()
    {
        var frames = _machine.Frames;
        var order = _machine.Geometry.PageblockOrder;
        var map = new byte[_reservedBlock.Length];
        for (var block = 0; block < map.Length; block++)
            map[block] = _reservedBlock[block] ? ReservedBlock : (byte)frames.GetPageblockMigratetype(block << order);
        return map;
    }
}
