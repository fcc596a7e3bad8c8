namespace AspireAgents.AzureDevOps.Wire;

/// <summary>The envelope Azure DevOps wraps every list in: <c>{"count": N, "value": [...]}</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Count">
/// Number of elements as the service counted them. Read, it is not checked against <paramref name="Value"/>, which
/// may hold fewer (elements that were <c>null</c> or unreadable are left out): count <paramref name="Value"/>.
/// </param>
/// <param name="Value">
/// The elements. An answer without a <c>value</c> array is refused by the client (InvalidResponse), never read as an
/// empty list: an empty queue must never stand in for an unreadable one.
/// </param>
public sealed record ListResponse<T>(int Count, IReadOnlyList<T> Value) : IListResponse
{
    /// <inheritdoc />
    bool IListResponse.HasValue => Value is not null;

    /// <summary>Wraps <paramref name="items"/>, setting <see cref="Count"/> from them.</summary>
    public static ListResponse<T> Of(IReadOnlyList<T> items) => new(items.Count, items);
}

/// <summary>What the client checks on every list answer, whatever its element type.</summary>
internal interface IListResponse
{
    /// <summary>Whether the answer had a <c>value</c> array.</summary>
    bool HasValue { get; }
}
