namespace OpenData.Data.Graph;

/// <summary>
/// A field of a GraphQL query as the SQL compiler reads it: its response key (alias), its name, its arguments as a
/// typed record (see below), and the fields selected under it, fragments already merged and @skip/@include applied.
/// </summary>
public sealed record FieldRead(string Key, string Field, object? Arguments, IReadOnlyList<FieldRead> Selection)
{
    /// <summary>The field <c>__typename</c>: its value is the name of the object's type, given as its argument.</summary>
    public const string TypeName = "__typename";

    /// <summary>A field whose value is null whatever the data (an error nulled it, see the GraphQL endpoint).</summary>
    public const string Null = "__null";

    /// <summary>A field made null; its argument is the name of the field it replaces.</summary>
    public static FieldRead NullValue(string key, string field) => new(key, Null, field, []);

    /// <summary>Whether the response key is the field's own name (no alias).</summary>
    public bool KeyIsName => Key == (Field == Null ? (string?)Arguments : Field);
}

/// <summary>The arguments of a connection: its filter, its order, its page size and the cursor it starts after.</summary>
public sealed record ListArguments<TFilter, TSort>(TFilter Filter, TSort Sort, int First, string? After) : IListArguments
{
    /// <summary>The variable that gave <see cref="After"/>, when a variable of keys alone did (as <see cref="IdArgument.Variable"/>).</summary>
    public string? AfterVariable { get; init; }

    public object WithAfterVariable(string? variable) => this with { AfterVariable = variable };
}

/// <summary>The arguments of any connection, for what does not depend on its filter and order.</summary>
public interface IListArguments
{
    /// <summary>The same arguments, their cursor given by <paramref name="variable"/>.</summary>
    object WithAfterVariable(string? variable);
}

/// <summary>The object a global id names (<see cref="Ids.NodeType"/>): its type and its canonical id.</summary>
public sealed record NodeArgument(string Type, string Id)
{
    /// <summary>The variable that gave the id, when a variable of keys alone did (as <see cref="IdArgument.Variable"/>).</summary>
    public string? Variable { get; init; }
}

/// <summary>A page of a list without filter or order of its own (a question's similar questions).</summary>
public sealed record PageArguments(int First, string? After);

/// <summary>
/// The argument of a lookup by id, and the variable that gave it when one did (<c>question(id: $id)</c>): a statement
/// compiled for one value of that variable runs for another with the new value bound in its place
/// (<see cref="CompiledQuery.Rebind"/>).
/// </summary>
public sealed record IdArgument(string Given, string? Variable = null);

/// <summary>How a lookup's id is read from the text a client gave: one home for the planner and for a value bound again.</summary>
public static class LookupIds
{
    /// <summary>A question's or a senator's id (<see cref="Ids.Canonical"/>).</summary>
    public static object Text(string given) => Ids.Canonical(given);

    /// <summary>A ministry's id: its digits; anything else names no ministry (-1).</summary>
    public static object Ministry(string given) =>
        long.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1L;
}

/// <summary>The arguments of the timeline.</summary>
public sealed record TimelineArguments(Questions.QuestionFilter Filter, Stats.StatsInterval Interval);

/// <summary>Connections without an order to choose.</summary>
public enum NoSort { Default }
