using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Reports;

/// <summary>A run to report on, with the label it is shown under (a policy name when several runs are compared).</summary>
/// <param name="Label">Label: "run" for a single run, the policy in a comparison.</param>
/// <param name="Result">The run's result.</param>
public sealed record LabelledRun(string Label, RunResult Result);
