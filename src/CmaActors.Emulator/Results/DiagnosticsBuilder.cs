using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Results;

/// <summary>Turns the run's diagnostic recorders into the parts of <see cref="RunResult"/> they fill.</summary>
public static class DiagnosticsBuilder
{
    /// <summary>
    /// Mailbox wait rows (null observer: none), the timeline and the snapshots. <paramref name="nameOf"/> gives an
    /// actor's path under the simulation root.
    /// </summary>
    public static RunDiagnostics Build(MailboxWaitObserver? mailboxes, Placement placement, Func<ActorId, string> nameOf,
        MemoryTimeline? timeline, ProcSnapshots? snapshots, EmulatedMachine machine) =>
        new(mailboxes is null ? [] : MailboxRows(mailboxes, placement, nameOf), timeline is null ? null : Timeline(timeline, machine),
            snapshots?.Taken ?? []);

    private static List<MailboxWaitResult> MailboxRows(MailboxWaitObserver mailboxes, Placement placement, Func<ActorId, string> nameOf)
    {
        var rows = new SortedDictionary<string, (ActorRole Role, int Actors, MailboxWait Wait)>(StringComparer.Ordinal);
        for (var i = 0; i < mailboxes.ActorCount; i++)
        {
            var id = new ActorId(i);
            var wait = mailboxes.Of(id);
            if (wait.Deliveries == 0)
                continue;
            var role = placement.RoleOf(id);
            var key = role.Group ?? ShortName(nameOf(id));
            // A group on several CPUs is shown with none.
            rows[key] = rows.TryGetValue(key, out var row)
                ? (row.Role.Cpu == role.Cpu ? row.Role : row.Role with { Cpu = -1 }, row.Actors + 1, row.Wait.Plus(wait))
                : (role, 1, wait);
        }

        return rows
            .Select(r => new MailboxWaitResult
            {
                Actor = r.Key,
                Role = RoleName(r.Value.Role.Kind),
                Cpu = r.Value.Role.Cpu,
                Actors = r.Value.Actors,
                Deliveries = r.Value.Wait.Deliveries,
                Waited = r.Value.Wait.Waited,
                WaitTotalNs = r.Value.Wait.WaitTotalNs,
                WaitMaxNs = r.Value.Wait.WaitMaxNs,
                WaitAvgNs = r.Value.Wait.Waited == 0 ? 0 : r.Value.Wait.WaitTotalNs / r.Value.Wait.Waited,
            })
            .OrderByDescending(r => r.WaitTotalNs)
            .ThenBy(r => r.Actor, StringComparer.Ordinal)
            .ToList();
    }

    private static string Letters(byte[] codes, string letters) => string.Create(codes.Length, (codes, letters), (chars, state) =>
    {
        for (var i = 0; i < state.codes.Length; i++)
            chars[i] = state.letters[state.codes[i]];
    });

    /// <summary>An actor path without the machine actor's prefix ("machine/cpu2" → "cpu2").</summary>
    public static string ShortName(string path) => path.StartsWith("machine/", StringComparison.Ordinal) ? path["machine/".Length..] : path;

    private static string RoleName(ActorRoleKind kind) => kind switch
    {
        ActorRoleKind.Cpu => "cpu",
        ActorRoleKind.Zone => "zone",
        ActorRoleKind.CmaArea => "cmaArea",
        ActorRoleKind.Mutex => "mutex",
        ActorRoleKind.Task => "task",
        ActorRoleKind.Device => "device",
        _ => "other",
    };

    private static TimelineResult Timeline(MemoryTimeline timeline, EmulatedMachine machine) => new()
    {
        SampleTimesNs = timeline.TimesNs.ToList(),
        Zones = machine.Zones.Select((z, i) => new ZoneTimelineResult(z.Name, timeline.FreePages(i).ToList(), timeline.FreeCmaPages(i).ToList()))
            .ToList(),
        PcpPages = timeline.PcpPages.ToList(),
        Pageblocks = new PageblockMapResult
        {
            PageblockOrder = machine.Geometry.PageblockOrder,
            PagesPerBlock = machine.Geometry.PageblockNrPages,
            TimesNs = timeline.MapTimesNs.ToList(),
            Maps = timeline.Maps.Select(m => Letters(m, PageblockMapResult.Codes)).ToList(),
            Uses = timeline.Uses.Select(m => Letters(m, PageblockMapResult.UseCodes)).ToList(),
        },
    };
}
