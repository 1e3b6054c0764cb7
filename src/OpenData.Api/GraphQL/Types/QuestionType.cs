using GraphQL.Types;
using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>A question, linked to its author, ministries, answer and reminders (declared in <see cref="GraphDeclarations.Question"/>).</summary>
public sealed class QuestionType : DeclaredObjectType
{
    public QuestionType() : base(GraphDeclarations.Question) => Interface<NodeInterface>();
}

/// <summary>An event of a question's life.</summary>
public sealed class QuestionEventType() : DeclaredObjectType(GraphDeclarations.QuestionEvent);

/// <summary>Kind of a question.</summary>
public sealed class QuestionNatureInfoType() : DeclaredObjectType(GraphDeclarations.Nature);

/// <summary>The author of a question as at the time of the question.</summary>
public sealed class QuestionAuthorType() : DeclaredObjectType(GraphDeclarations.QuestionAuthor);

/// <summary>A transfer of a question to another ministry.</summary>
public sealed class TransferType() : DeclaredObjectType(GraphDeclarations.Transfer);

/// <summary>The kinds of event of a question.</summary>
public sealed class QuestionEventKindEnum : EnumerationGraphType
{
    public QuestionEventKindEnum()
    {
        Name = "QuestionEventKind";
        Description = "What happened to a question.";
        Add("PUBLISHED", "published", "Published in the Journal officiel.");
        Add("TRANSFERRED", "transferred", "Transferred to another ministry.");
        Add("REMINDED", "reminded", "Reminded by a later question (rappel).");
        Add("ANSWERED", "answered", "Answered by a minister.");
        Add("ERRATUM", "erratum", "A correction of the question or of its answer was published.");
        Add("LAPSED", "lapsed", "Lapsed (at the end of its legislature).");
        Add("WITHDRAWN", "withdrawn", "Withdrawn by its author.");
        Add("CONVERTED", "converted", "Converted into an oral question.");
    }
}
