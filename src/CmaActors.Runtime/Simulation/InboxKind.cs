namespace CmaActors.Runtime;

/// <summary>What a call that reached the driver from outside its run was.</summary>
internal enum InboxKind
{
    Register,
    Dispatch,
    SystemDispatch,
    ExecuteTask,
    Detach,
    Timer,
}
