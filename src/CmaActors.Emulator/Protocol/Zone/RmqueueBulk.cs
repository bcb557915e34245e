using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>CPU → zone: rmqueue_bulk(), take up to Count blocks of Order for a pcp refill; answered by RmqueueDone.</summary>
public sealed record RmqueueBulk(int Order, MigrateType MigrateType, int Count, AllocFlags Flags);
