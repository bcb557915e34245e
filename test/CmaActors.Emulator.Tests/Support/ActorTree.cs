using Akka.Actor;

namespace CmaActors.Emulator.Tests.Support;

/// <summary>The classes of an actor and its descendants, by path relative to it.</summary>
public static class ActorTree
{
    public static SortedDictionary<string, string> Of(IActorRef root)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "", tree);
        return tree;
    }

    private static void Walk(IActorRef actor, string path, SortedDictionary<string, string> tree)
    {
        var cell = (ActorRefWithCell)actor;
        tree.Add(path, cell.Underlying.Props.Type.Name);
        foreach (var child in cell.Children)
            Walk(child, $"{path}/{child.Path.Name}", tree);
    }
}
