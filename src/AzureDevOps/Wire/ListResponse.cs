namespace AspireAgents.AzureDevOps.Wire;

/// <summary>The envelope Azure DevOps wraps every list in: <c>{"count": N, "value": [...]}</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Count">Number of elements in <paramref name="Value"/>.</param>
/// <param name="Value">The elements.</param>
public sealed record ListResponse<T>(int Count, IReadOnlyList<T> Value)
{
    /// <summary>Wraps <paramref name="items"/>, setting <see cref="Count"/> from them.</summary>
    public static ListResponse<T> Of(IReadOnlyList<T> items) => new(items.Count, items);
}
