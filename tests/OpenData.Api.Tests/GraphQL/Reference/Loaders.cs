using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using OpenData.Data.Answers;
using OpenData.Data.Ministries;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Reference;
using OpenData.Data.Senators;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>Questions by id (remindsQuestion, Answer.question, Answer.sharedWith).</summary>
public sealed class QuestionLoader(ReferenceReads reads) : BatchLoader<string, QuestionRow>
{
    protected override Task<IReadOnlyDictionary<string, QuestionRow>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        reads.QuestionsAsync(keys, cancellationToken);
}

/// <summary>For each question, the later questions that remind it.</summary>
public sealed class ReminderLoader(ReferenceReads reads) : BatchLoader<string, IReadOnlyList<QuestionRow>>
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<QuestionRow>>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var lookup = await reads.RemindersAsync(keys, cancellationToken);
        return keys.ToDictionary(k => k, k => (IReadOnlyList<QuestionRow>)lookup[k].ToList());
    }
}

/// <summary>For each question, its events in order.</summary>
public sealed class EventLoader(ReferenceReads reads) : BatchLoader<string, IReadOnlyList<QuestionEvent>>
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<QuestionEvent>>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var lookup = await reads.EventsAsync(keys, cancellationToken);
        return keys.ToDictionary(k => k, k => (IReadOnlyList<QuestionEvent>)lookup[k].ToList());
    }
}

/// <summary>Answers by question id.</summary>
public sealed class AnswerLoader(ReferenceReads reads) : BatchLoader<string, AnswerRow>
{
    protected override Task<IReadOnlyDictionary<string, AnswerRow>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        reads.AnswersAsync(keys, cancellationToken);
}

/// <summary>Senators by matricule.</summary>
public sealed class SenatorLoader(SenatorQueries queries, DatasetSession session) : BatchLoader<string, SenatorRow>
{
    protected override Task<IReadOnlyDictionary<string, SenatorRow>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(queries.ByIds(batch, keys), cancellationToken);
    }
}

/// <summary>Group memberships by senator, latest first.</summary>
public sealed class GroupHistoryLoader(ReferenceReads reads) : BatchLoader<string, IReadOnlyList<SenatorGroupRow>>
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<SenatorGroupRow>>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var lookup = await reads.GroupHistoryAsync(keys, cancellationToken);
        return keys.ToDictionary(k => k, k => (IReadOnlyList<SenatorGroupRow>)lookup[k].ToList());
    }
}

/// <summary>Ministries by minid (question ministries, successors, predecessors, statistics).</summary>
public sealed class MinistryLoader(MinistryQueries queries, DatasetSession session) : BatchLoader<long, MinistryRow>
{
    protected override Task<IReadOnlyDictionary<long, MinistryRow>> FetchAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(queries.ByIds(batch, keys), cancellationToken);
    }
}

/// <summary>Themes by id: the table is small, so the first use in a request reads it whole.</summary>
public sealed class ThemeLoader(ReferenceQueries queries) : BatchLoader<int, ThemeRow>
{
    protected override async Task<IReadOnlyDictionary<int, ThemeRow>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken) =>
        (await queries.ThemesAsync(cancellationToken)).ToDictionary(t => t.Id);
}

/// <summary>Political groups by code: the table is small, so the first use in a request reads it whole.</summary>
public sealed class GroupLoader(ReferenceQueries queries) : BatchLoader<string, PoliticalGroupRow>
{
    protected override async Task<IReadOnlyDictionary<string, PoliticalGroupRow>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        (await queries.GroupsAsync(cancellationToken)).ToDictionary(g => g.Code);
}
