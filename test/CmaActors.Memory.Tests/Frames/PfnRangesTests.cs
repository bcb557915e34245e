using CmaActors.Memory.Frames;
using CsCheck;

namespace CmaActors.Memory.Tests.Frames;

public class PfnRangesTests
{
    [Fact]
    public void Overlapping_meeting_and_repeated_ranges_become_one_sorted_run_each()
    {
        PfnRange[] ranges = [new(40, 2), new(10, 3), new(41, 1), new(13, 2), new(5, 0), new(10, 1), new(60, 4)];
        var buffer = new PfnRange[2];

        var count = PfnRanges.Coalesce(ranges, ref buffer);

        Assert.Equal([new PfnRange(10, 5), new PfnRange(40, 2), new PfnRange(60, 4)], buffer[..count]);
    }

    [Fact]
    public void The_result_covers_exactly_the_frames_of_the_input_once_each_in_order()
    {
        // Up to 200 ranges, beyond the insertion-sort limit, so both sorts are exercised.
        var gen = Gen.Select(Gen.Int[0, 500], Gen.Int[0, 12]).Array[0, 200];
        gen.Sample(pairs =>
        {
            var ranges = pairs.Select(p => new PfnRange(p.Item1, p.Item2)).ToArray();
            var buffer = new PfnRange[1];
            var count = PfnRanges.Coalesce(ranges, ref buffer);
            var result = buffer[..count];

            var expected = ranges.SelectMany(r => Enumerable.Range(r.Start, r.Count)).Distinct().Order().ToArray();
            Assert.Equal(expected, result.SelectMany(r => Enumerable.Range(r.Start, r.Count)));
            for (var i = 1; i < result.Length; i++)
                Assert.True(result[i].Start > result[i - 1].End, $"{result[i - 1]} and {result[i]} meet or overlap");
            Assert.All(result, r => Assert.True(r.Count > 0));
        }, iter: 300);
    }
}
