using CmaActors.Emulator.Machine;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Invariants;

/// <summary>Which CPU's pcp each list id belongs to, so that "is this frame on cpu N's lists" is O(1).</summary>
internal sealed class PcpListIndex
{
    private readonly Dictionary<int, int> _cpuOfList = [];

    public PcpListIndex(EmulatedMachine machine)
    {
        foreach (var cpu in machine.Cpus)
            foreach (var pcp in cpu.PcpByZone)
                for (var pindex = 0; pindex < PerCpuPages.NrPcpLists; pindex++)
                    _cpuOfList[pcp.List(pindex).Id] = cpu.Cpu;
    }

    /// <summary>The CPU whose pcp list has id <paramref name="listId"/>, or -1.</summary>
    public int CpuOf(int listId) => _cpuOfList.GetValueOrDefault(listId, -1);
}
