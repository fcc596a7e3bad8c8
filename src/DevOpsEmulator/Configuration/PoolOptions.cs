namespace AspireAgents.DevOpsEmulator.Configuration;

/// <summary>An agent pool of the organisation.</summary>
public sealed class PoolOptions
{
    /// <summary>The pool id; 0 means the next free id.</summary>
    public int Id { get; set; }

    /// <summary>The pool name.</summary>
    public string Name { get; set; } = "";
}
