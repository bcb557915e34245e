using System.Text;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Gcma;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Reclaim;
using CmaActors.Emulator.Protocol.Storage;
using CmaActors.Emulator.Protocol.Zone;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// The kernel function a handled message plays, for lock_stat's contention points and the trace's slice names:
/// RmqueueBulk on a zone is rmqueue_bulk() under zone->lock, DrainPcp on a CPU is drain_pages_zone(), and so on.
/// Messages without a kernel counterpart are named after their type in snake_case.
/// </summary>
public static class KernelFunctions
{
    private static readonly Dictionary<Type, string> Known = new()
    {
        [typeof(RmqueueBulk)] = "rmqueue_bulk",
        [typeof(RmqueueBuddy)] = "rmqueue_buddy",
        [typeof(FreePcpBulk)] = "free_pcppages_bulk",
        [typeof(FreeToBuddy)] = "free_one_page",
        [typeof(IsolatePageblock)] = "set_migratetype_isolate",
        [typeof(UndoIsolatePageblock)] = "unset_migratetype_isolate",
        [typeof(TestPagesIsolated)] = "test_pages_isolated",
        [typeof(IsolateFreepagesBlock)] = "isolate_freepages_block",
        [typeof(RmqueueDone)] = "rmqueue_bulk",
        [typeof(PagesFreed)] = "free_pcppages_bulk",
        [typeof(CmaAlloc)] = "cma_alloc",
        [typeof(ReserveBits)] = "cma_alloc",
        [typeof(ClearBits)] = "cma_clear_bitmap",
        [typeof(CmaRelease)] = "cma_release",
        [typeof(AllocPages)] = "rmqueue_pcplist",
        [typeof(FreePages)] = "free_unref_page",
        [typeof(DrainPcp)] = "drain_pages_zone",
        [typeof(DrainLru)] = "lru_add_drain_cpu",
        [typeof(ReleaseContig)] = "free_contig_range",
        [typeof(MigratePages)] = "migrate_pages",
        [typeof(MutexLock)] = "mutex_lock",
        [typeof(MutexUnlock)] = "mutex_unlock",
        [typeof(DiscardablePut)] = "gcma_store",
        [typeof(DiscardableGet)] = "gcma_load",
        [typeof(WakeKswapd)] = "wakeup_kswapd",
        [typeof(ShrinkLru)] = "shrink_lruvec",
        [typeof(IoSubmit)] = "submit_bio",
        [typeof(IoComplete)] = "bio_endio",
    };

    /// <summary>
    /// Steps that take their lock with a trylock in 6.12: the pcp fast paths, rmqueue_pcplist() and free_unref_page()
    /// (free_contig_range() frees through the latter), use pcp_spin_trylock(). lockdep records no lock_acquired() for
    /// them, so they add no acq-bounce and do not become the lock's <c>lock->ip</c>.
    /// </summary>
    private static readonly HashSet<Type> Trylocks = [typeof(AllocPages), typeof(FreePages), typeof(ReleaseContig)];

    private static readonly Dictionary<Type, string> Derived = [];
    private static readonly Lock Gate = new();

    /// <summary>The kernel function name for a message of type <paramref name="messageType"/>.</summary>
    public static string For(Type messageType)
    {
        if (Known.TryGetValue(messageType, out var name))
            return name;
        lock (Gate)
        {
            if (!Derived.TryGetValue(messageType, out name))
                Derived.Add(messageType, name = SnakeCase(messageType.Name));
            return name;
        }
    }

    /// <summary>The kernel function name for a message.</summary>
    public static string For(object message) => For(message.GetType());

    /// <summary>True when the step <paramref name="message"/> plays takes its lock with a trylock (see <see cref="Trylocks"/>).</summary>
    public static bool IsTrylock(object message) => Trylocks.Contains(message.GetType());

    private static string SnakeCase(string typeName)
    {
        var sb = new StringBuilder(typeName.Length + 8);
        for (var i = 0; i < typeName.Length; i++)
        {
            var c = typeName[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
