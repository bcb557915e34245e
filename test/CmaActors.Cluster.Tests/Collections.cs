namespace CmaActors.Cluster.Tests;

/// <summary>The multi-node tests run one at a time: each spreads its work over the machine's cores.</summary>
[CollectionDefinition(nameof(ThreeNodeTests), DisableParallelization = true)]
public sealed class ThreeNodeCollection;
