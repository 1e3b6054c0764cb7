using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.Types;
using OpenData.Data.Datasets;
using OpenData.Data.Stats;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>How a ministry handled the questions it had to answer.</summary>
public sealed class MinistryStatsType : ObjectGraphType<MinistryStatsRow>
{
    public MinistryStatsType()
    {
        Name = "MinistryStats";
        Description = "How a ministry handled the questions it had to answer (those addressed or transferred to it).";
        Field<MinistryType>("ministry").Description("The ministry; null when the ministries file does not list it (see ministryId and ministryName).")
            .Resolve(c => c.RequestServices!.GetRequiredService<MinistryLoader>().Load(c.Source.MinistryId));
        Field<NonNullGraphType<IdGraphType>>("ministryId").Description("The ministry's id.").Resolve(c => MinistryType.Id(c.Source.MinistryId));
        Field<StringGraphType>("ministryName").Description("The ministry's short name.").Resolve(c => c.Source.MinistryName);
        Field<NonNullGraphType<IntGraphType>>("questions").Description("Questions received.").Resolve(c => checked((int)c.Source.Questions));
        Field<NonNullGraphType<IntGraphType>>("answered").Description("Questions answered.").Resolve(c => checked((int)c.Source.Answered));
        Field<NonNullGraphType<IntGraphType>>("answeredWithinDeadline").Description("Questions answered by their deadline.").Resolve(c => checked((int)c.Source.AnsweredWithinDeadline));
        Field<NonNullGraphType<IntGraphType>>("awaiting").Description("Questions still awaiting an answer.").Resolve(c => checked((int)c.Source.Awaiting));
        Field<NonNullGraphType<IntGraphType>>("overdue").Description("Questions awaiting an answer past their deadline.").Resolve(c => checked((int)c.Source.Overdue));
        Field<FloatGraphType>("medianDelayDays").Description("Median days to answer, over the answered questions.").Resolve(c => (double?)c.Source.MedianDelayDays);
        Field<FloatGraphType>("p90DelayDays").Description("90th percentile of the days to answer.").Resolve(c => (double?)c.Source.P90DelayDays);
        Field<NonNullGraphType<TimeToAnswerType>>("timeToAnswer").Description("The delay until an answer counting the questions still waiting (Kaplan-Meier, days): each question answered at its delay, each unanswered one censored at its closedAt or, still awaiting, at the dataset's asOf.").Resolve(c => c.Source.TimeToAnswer);
    }
}

/// <summary>The Kaplan-Meier delay until an answer of a row of statistics.</summary>
public sealed class TimeToAnswerType : ObjectGraphType<TimeToAnswerFigures>
{
    public TimeToAnswerType()
    {
        Name = "TimeToAnswer";
        Description = "The delay until an answer counting the questions still waiting (Kaplan-Meier, days): each question answered at its delay, each unanswered one censored at its closedAt or, still awaiting, at the dataset's asOf.";
        Field<IntGraphType>("median").Description("Days until half the questions are answered, by the Kaplan-Meier curve; null when the curve never falls to 0.5.").Resolve(c => c.Source.Median);
        Field<IntGraphType>("p90").Description("Days until 90 % of the questions are answered, by the curve; null when it never falls to 0.1.").Resolve(c => c.Source.P90);
        Field<NonNullGraphType<IntGraphType>>("n").Description("Questions counted: the row's questions (a timeline's: those published in the period).").Resolve(c => checked((int)c.Source.N));
        Field<NonNullGraphType<IntGraphType>>("answered").Description("Of them, answered.").Resolve(c => checked((int)c.Source.Answered));
        Field<NonNullGraphType<IntGraphType>>("censored").Description("Of them, not answered: censored at closedAt or asOf.").Resolve(c => checked((int)c.Source.Censored));
    }
}

/// <summary>One period of a timeline.</summary>
public sealed class TimelineBucketType : ObjectGraphType<TimelineRow>
{
    public TimelineBucketType()
    {
        Name = "TimelineBucket";
        Description = "Questions published and questions answered in one period.";
        Field<NonNullGraphType<StringGraphType>>("period").Description("\"2024-06\" for a month, \"2024\" for a year.").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<IntGraphType>>("questions").Description("Questions matching the filter published in the period.").Resolve(c => checked((int)c.Source.Questions));
        Field<NonNullGraphType<IntGraphType>>("answers").Description("Of those questions, the ones answered in the period.").Resolve(c => checked((int)c.Source.Answers));
        Field<NonNullGraphType<TimeToAnswerType>>("timeToAnswer").Description("The delay until an answer of the questions published in the period, counting those still waiting (Kaplan-Meier).").Resolve(c => c.Source.TimeToAnswer);
    }
}

/// <summary>The serving dataset.</summary>
public sealed class DatasetType : ObjectGraphType<DatasetInfo>
{
    public DatasetType()
    {
        Name = "Dataset";
        Description = "The dataset being served: version, import time, source files, row counts and licence.";
        Field<NonNullGraphType<IntGraphType>>("version").Description("Increases with every import.").Resolve(c => checked((int)c.Source.Version));
        Field<NonNullGraphType<DateTimeGraphType>>("importedAt").Description("When the import landed (UTC).").Resolve(c => c.Source.ImportedAt);
        Field<DateScalar>("asOf").Description("The date of the newest publication in the source (a question or an answer in the Journal officiel): the day the data speaks for, at which a question still awaiting an answer has waited so far. Null before the first question.").Resolve(c => c.Source.AsOf);
        Field<NonNullGraphType<StringGraphType>>("contentHash").Description("Hash of the imported content.").Resolve(c => c.Source.ContentHash);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetSourceType>>>>("sources").Description("The source files imported.").Resolve(c => c.Source.Sources);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RowCountType>>>>("rowCounts").Description("Rows per served table.")
            .Resolve(c => c.Source.RowCounts.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
        Field<NonNullGraphType<IntGraphType>>("unknownAuthors").Description("Questions whose author the senators file does not know.").Resolve(c => c.Source.UnknownAuthors);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notices").Description("Remarks of the import on the source data.").Resolve(c => c.Source.Notices);
        Field<NonNullGraphType<BooleanGraphType>>("generated").Description("True for synthetic data written by opendata-ingest generate (then licence, licenceUrl and sourceUrl are null): not the Senate's data, but for its one real question, SEQ240611950.").Resolve(c => c.Source.Generated);
        Field<StringGraphType>("licence").Description("Licence of the data; null for generated data.").Resolve(c => c.Source.Licence);
        Field<StringGraphType>("licenceUrl").Description("Text of the licence; null for generated data.").Resolve(c => c.Source.LicenceUrl);
        Field<StringGraphType>("sourceUrl").Description("Where the data comes from; null for generated data.").Resolve(c => c.Source.SourceUrl);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetDownloadType>>>>("downloads").Description("The dataset as bulk files: Parquet and gzipped CSV for each table (REST: /v1/dataset's downloads).")
            .Resolve(c => c.Source.Downloads.Select(f => (c.Source.Version, f)).ToList());
    }
}

/// <summary>A bulk file of the dataset, with the version its address names.</summary>
public sealed class DatasetDownloadType : ObjectGraphType<(long Version, DatasetDownload File)>
{
    public DatasetDownloadType()
    {
        Name = "DatasetDownload";
        Description = "A table of the dataset as a file, served at url (GET, ranges accepted, cached for a year).";
        Field<NonNullGraphType<StringGraphType>>("table").Description("questions, answers, senators or ministries.").Resolve(c => c.Source.File.Table);
        Field<NonNullGraphType<StringGraphType>>("format").Description("parquet (typed columns, dates as dates) or csv.gz (RFC 4180, UTF-8, gzipped).").Resolve(c => c.Source.File.Format);
        Field<NonNullGraphType<StringGraphType>>("url").Description("Where it is served, relative to the API.").Resolve(c => OpenData.Data.Datasets.DownloadAddress.Of(c.Source.Version, c.Source.File.Name));
        Field<NonNullGraphType<FloatGraphType>>("bytes").Description("Size in bytes.").Resolve(c => (double)c.Source.File.Bytes);
        Field<NonNullGraphType<IntGraphType>>("rows").Description("Rows of the table it holds.").Resolve(c => checked((int)c.Source.File.Rows));
        Field<NonNullGraphType<StringGraphType>>("sha256").Description("SHA-256 of the file, hexadecimal (also its ETag).").Resolve(c => c.Source.File.Sha256);
    }
}

/// <summary>One source file of an import.</summary>
public sealed class DatasetSourceType : ObjectGraphType<DatasetSource>
{
    public DatasetSourceType()
    {
        Name = "DatasetSource";
        Description = "One source file of an import, identified by its SHA-256.";
        Field<NonNullGraphType<StringGraphType>>("role").Description("What the file holds (questions, senators, groups).").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<StringGraphType>>("name").Description("File name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("sha256").Description("SHA-256 of the file, hexadecimal.").Resolve(c => c.Source.Sha256);
        Field<NonNullGraphType<FloatGraphType>>("bytes").Description("Size in bytes.").Resolve(c => (double)c.Source.Bytes);
    }
}

/// <summary>Rows of one served table.</summary>
public sealed class RowCountType : ObjectGraphType<KeyValuePair<string, long>>
{
    public RowCountType()
    {
        Name = "RowCount";
        Description = "The number of rows of one served table.";
        Field<NonNullGraphType<StringGraphType>>("table").Description("Table name.").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<IntGraphType>>("rows").Description("Rows.").Resolve(c => checked((int)c.Source.Value));
    }
}
