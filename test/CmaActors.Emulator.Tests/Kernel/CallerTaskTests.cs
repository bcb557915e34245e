using CmaActors.Emulator.Protocol.Cma;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// cma_alloc() runs in the calling thread: the area keeps one task per caller and hands it each of the caller's calls;
/// a caller that calls again before its call returned gets another task.
/// </summary>
public sealed class CallerTaskTests
{
    [Fact]
    public void A_caller_s_calls_one_after_another_run_in_one_task_each_from_a_clean_start()
    {
        using var h = new DrainHarness("6.12");
        var answers = h.StartCalls(cpu: 1, pages: 16, calls: 3, atOnce: false);
        h.Advance(60_000_000);

        Assert.Equal([1L, 2L, 3L], answers.Select(a => a.Result.RequestId));
        Assert.All(answers, a => Assert.Equal(CmaAllocStatus.Success, a.Result.Status));
        Assert.Single(answers.Select(a => a.From).Distinct());
        // Nothing released the ranges: each call found the next free one, its search starting again from bit 0.
        var area = h.Machine.Areas[0];
        Assert.Equal([area.BasePfn, area.BasePfn + 16, area.BasePfn + 32], answers.Select(a => a.Result.Pfn));
        Assert.All(answers, a => Assert.Equal(0, a.Result.BusyRetries));
    }

    [Fact]
    public void A_caller_that_calls_again_before_its_call_returned_gets_a_second_task()
    {
        using var h = new DrainHarness("6.12");
        var answers = h.StartCalls(cpu: 1, pages: 16, calls: 2, atOnce: true);
        h.Advance(60_000_000);

        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(CmaAllocStatus.Success, a.Result.Status));
        Assert.Equal(2, answers.Select(a => a.From).Distinct().Count());
        Assert.NotEqual(answers[0].Result.Pfn, answers[1].Result.Pfn);
    }

    [Fact]
    public void Two_callers_each_get_their_own_task()
    {
        using var h = new DrainHarness("6.12");
        var first = h.StartCalls(cpu: 0, pages: 16, calls: 2, atOnce: false);
        var second = h.StartCalls(cpu: 1, pages: 16, calls: 2, atOnce: false);
        h.Advance(60_000_000);

        Assert.Equal(2, first.Count);
        Assert.Equal(2, second.Count);
        var tasks = first.Concat(second).Select(a => a.From).Distinct().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Single(first.Select(a => a.From).Distinct());
    }
}
