using BenchmarkDotNet.Attributes;
using CmaActors.Memory.Frames;

namespace CmaActors.Benchmarks.Memory;

/// <summary>
/// The frame counts a run samples every 100 ms of virtual time: report.html's pageblock-use map counts every pageblock of
/// a 1 GiB machine by place and kind (<see cref="PageFrameTable.CountPlaceAndKind"/>), and an area's utilisation counts
/// its 256 MiB by place (<see cref="PageFrameTable.CountPlaces"/>). The frames lie in runs of one place and kind, from
/// one frame to a whole pageblock long, as a churned machine's do. One operation is one whole count.
/// </summary>
[MemoryDiagnoser]
public class FrameCountBenchmarks
{
    private const int Frames = 1 << 18;
    private const int AreaFrames = 1 << 16;
    private PageFrameTable _frames = null!;
    private int _perBlock;

    [GlobalSetup]
    public void Setup()
    {
        var geometry = new MemoryGeometry();
        _frames = new PageFrameTable(Frames, geometry);
        _perBlock = geometry.PageblockNrPages;
        var random = new Random(1);
        for (var pfn = 0; pfn < Frames;)
        {
            var run = Math.Min(Frames - pfn, 1 + random.Next(_perBlock));
            var place = (PagePlace)random.Next(8);
            var kind = (byte)random.Next(8);
            for (var end = pfn + run; pfn < end; pfn++)
            {
                _frames.SetPlace(pfn, 1, place, 0);
                _frames.SetKind(pfn, kind);
            }
        }
    }

    /// <summary>Every pageblock of the machine by place and kind, as the pageblock-use map does.</summary>
    [Benchmark]
    public int PageblockUses()
    {
        Span<int> counts = stackalloc int[64];
        var most = 0;
        for (var start = 0; start < Frames; start += _perBlock)
        {
            counts.Clear();
            _frames.CountPlaceAndKind(start, _perBlock, counts);
            most += counts[0];
        }

        return most;
    }

    /// <summary>A 256 MiB area by place, as its utilisation sample does.</summary>
    [Benchmark]
    public int AreaPlaces()
    {
        Span<int> counts = stackalloc int[8];
        _frames.CountPlaces(0, AreaFrames, counts);
        return counts[0];
    }
}
