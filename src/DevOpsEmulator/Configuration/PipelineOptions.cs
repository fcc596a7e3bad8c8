namespace AspireAgents.DevOpsEmulator.Configuration;

/// <summary>A pipeline of the project: one job on one pool that runs <c>sleep</c> for a while.</summary>
public sealed class PipelineOptions
{
    /// <summary>The pipeline id; 0 means the next free id.</summary>
    public int Id { get; set; }

    /// <summary>The pipeline name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The folder, <c>\</c> for the root.</summary>
    public string Folder { get; set; } = "\\";

    /// <summary>The pool its job is queued in.</summary>
    public string Pool { get; set; } = "";

    /// <summary>Demands of its job (<c>name</c>, <c>name -equals value</c>, <c>name -gtVersion x</c>).</summary>
    public List<string> Demands { get; set; } = [];

    /// <summary>Default of the <c>durationSeconds</c> template parameter: how long the job's step runs.</summary>
    public int DurationSeconds { get; set; } = 3;
}
