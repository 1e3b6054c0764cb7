using Xunit;
using Xunit.Abstractions;

namespace OpenData.Testing;

/// <summary>
/// A test class or collection definition whose tests take long one after another (a browser, external tools, thousands
/// of generated requests): <see cref="LongestFirst"/> starts its collection before the others.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsFirstAttribute : Attribute;

/// <summary>
/// The order the runner starts test collections in (a few at a time: the assembly's MaxParallelThreads): those marked
/// <see cref="StartsFirstAttribute"/> first, so that they run beside the many short ones instead of alone at the end;
/// the others in the runner's own order.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public const string TypeName = "OpenData.Testing.LongestFirst", AssemblyName = "OpenData.Testing";

    /// <summary>The name xUnit gives the collection of a class that names none, before the class's full name.</summary>
    private const string ClassCollection = "Test collection for ";

    private static readonly string Marker = typeof(StartsFirstAttribute).AssemblyQualifiedName!;

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => StartsFirst(collection) ? 0 : 1); // a stable sort

    private static bool StartsFirst(ITestCollection collection)
    {
        var type = collection.CollectionDefinition ?? (collection.DisplayName.StartsWith(ClassCollection, StringComparison.Ordinal)
            ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollection.Length..]) : null);
        return type?.GetCustomAttributes(Marker).Any() == true;
    }
}
