namespace OpenData.Data.Paging;

/// <summary>
/// An order a list offers: its value in code, its public name (REST's <c>sort</c> value, and the name its cursors
/// carry) and what it means. REST's parameter and GraphQL's order enum are both made from these tables.
/// </summary>
public sealed record SortOption<TSort>(TSort Sort, string Name, string Description) where TSort : struct, Enum;

public static class SortOptions
{
    public static SortOption<TSort> Of<TSort>(this IReadOnlyList<SortOption<TSort>> options, TSort sort) where TSort : struct, Enum =>
        options.First(o => EqualityComparer<TSort>.Default.Equals(o.Sort, sort));

    public static SortOption<TSort>? Named<TSort>(this IReadOnlyList<SortOption<TSort>> options, string? name) where TSort : struct, Enum =>
        options.FirstOrDefault(o => o.Name == name);
}
