using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>CPU → zone: rmqueue_buddy(), one block of an order too large for the pcp lists; answered by RmqueueDone.</summary>
public sealed record RmqueueBuddy(int Order, MigrateType MigrateType, AllocFlags Flags);
