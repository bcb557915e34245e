namespace CmaActors.Runtime;

/// <summary>
/// Shrinks a failing schedule to few preemptions: the schedule is replayed as a <see cref="GuidedStrategy"/> whose
/// forced choices are the points where it differed from the non-preemptive default, and delta debugging (Zeller's
/// ddmin) removes forced choices as long as the run still fails the same way. What is left reads as "everything runs
/// in order, except these few switches".
/// </summary>
public static class ScheduleMinimiser
{
    /// <summary>Minimises <paramref name="failing"/> against <paramref name="target"/>.</summary>
    /// <param name="target">The system the schedule failed on.</param>
    /// <param name="failing">A schedule that fails.</param>
    /// <param name="maxRuns">Budget of schedules; the best found so far is returned when it is spent.</param>
    /// <param name="accept">Which failures count as the same bug (default: the same rule).</param>
    /// <exception cref="ArgumentException">The schedule does not fail.</exception>
    public static MinimisedSchedule Minimise(IScheduleTarget target, ScheduleSpec failing, int maxRuns = 2_000,
        Func<ScheduleFailure, bool>? accept = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(failing);
        var original = failing.CreateStrategy();
        original.RecordChoices = true;
        var first = target.Run(original);
        if (first.Failure is not { } failure)
            throw new ArgumentException($"the schedule ({failing}) does not fail", nameof(failing));
        accept ??= f => f.Rule == failure.Rule;

        // Replay the recorded run with every choice forced, to learn which choices the default would not have made.
        var all = original.Recorded.ToList();
        var replay = new GuidedStrategy(failing.Seed, all);
        var replayed = target.Run(replay);
        if (!failure.SameAs(replayed.Failure))
            throw new InvalidOperationException($"the recorded schedule did not replay: expected {failure}, got {replayed.Failure?.ToString() ?? "no failure"}");

        var runs = 2;
        var best = replay.Deviations.ToList();
        var bestOutcome = replayed;

        bool Fails(List<ScheduleChoice> choices)
        {
            runs++;
            var strategy = new GuidedStrategy(failing.Seed, choices);
            var outcome = target.Run(strategy);
            if (outcome.Failure is not { } f || !accept(f)) return false;
            bestOutcome = outcome;
            return true;
        }

        if (best.Count > 0 && Fails([]))
        {
            best = [];
        }
        else
        {
            var granularity = 2;
            while (best.Count >= 2 && runs < maxRuns)
            {
                var chunks = Split(best, granularity);
                var reduced = false;
                foreach (var chunk in chunks)
                {
                    if (runs >= maxRuns) break;
                    if (chunk.Count < best.Count && Fails(chunk))
                    {
                        best = chunk;
                        granularity = 2;
                        reduced = true;
                        break;
                    }
                }

                for (var i = 0; !reduced && i < chunks.Count && runs < maxRuns; i++)
                {
                    var complement = best.Except(chunks[i]).ToList();
                    if (complement.Count < best.Count && Fails(complement))
                    {
                        best = complement;
                        granularity = Math.Max(granularity - 1, 2);
                        reduced = true;
                    }
                }

                if (reduced) continue;
                if (granularity >= best.Count) break;
                granularity = Math.Min(best.Count, granularity * 2);
            }

            if (best.Count == 1 && runs < maxRuns && Fails([]))
                best = [];
        }

        // The outcome and preemptions of the last accepted run belong to the last reduction; rerun the final choice set.
        var final = new GuidedStrategy(failing.Seed, best);
        var finalOutcome = target.Run(final);
        runs++;
        if (finalOutcome.Failure is not { } finalFailure || !accept(finalFailure))
        {
            finalOutcome = bestOutcome;
        }

        return new MinimisedSchedule(new ScheduleSpec(ScheduleStrategyKind.Guided, failing.Seed, Forced: best), finalOutcome,
            replay.Deviations.Count, best.Count, original.Preemptions, final.Preemptions, runs);
    }

    private static List<List<ScheduleChoice>> Split(List<ScheduleChoice> items, int parts)
    {
        var chunks = new List<List<ScheduleChoice>>(parts);
        var start = 0;
        for (var i = 0; i < parts; i++)
        {
            var end = (int)((long)items.Count * (i + 1) / parts);
            if (end > start) chunks.Add(items.GetRange(start, end - start));
            start = end;
        }

        return chunks;
    }
}
