namespace CmaActors.Emulator.Reports;

/// <summary>Which clock a report's times are on: virtual in simulation, wall in parallel mode.</summary>
public static class ReportClock
{
    /// <summary>"wall" when any of <paramref name="runs"/> ran in parallel mode, else "virtual".</summary>
    public static string Of(IReadOnlyList<LabelledRun> runs) => runs.Any(r => r.Result.Parallel is not null) ? "wall" : "virtual";
}
