using GraphQL.Types;
using OpenData.Data.Datasets;
using OpenData.Data.Stats;

namespace OpenData.Api.GraphQL.Types;

/// <summary>How a ministry handled the questions it had to answer.</summary>
public sealed class MinistryStatsType : ObjectGraphType
{
    public MinistryStatsType()
    {
        Name = "MinistryStats";
        Description = "How a ministry handled the questions it had to answer (those addressed or transferred to it).";
        Field<MinistryType>("ministry").Description("The ministry; null when the ministries file does not list it (see ministryId and ministryName).");
        Field<NonNullGraphType<IdGraphType>>("ministryId").Description("The ministry's id.");
        Field<StringGraphType>("ministryName").Description("The ministry's short name.");
        Field<NonNullGraphType<IntGraphType>>("questions").Description("Questions received.");
        Field<NonNullGraphType<IntGraphType>>("answered").Description("Questions answered.");
        Field<NonNullGraphType<IntGraphType>>("answeredWithinDeadline").Description("Questions answered by their deadline.");
        Field<NonNullGraphType<IntGraphType>>("awaiting").Description("Questions still awaiting an answer.");
        Field<NonNullGraphType<IntGraphType>>("overdue").Description("Questions awaiting an answer past their deadline.");
        Field<FloatGraphType>("medianDelayDays").Description("Median days to answer, over the answered questions.");
        Field<FloatGraphType>("p90DelayDays").Description("90th percentile of the days to answer.");
        Field<NonNullGraphType<TimeToAnswerType>>("timeToAnswer").Description("The delay until an answer counting the questions still waiting (Kaplan-Meier, days): each question answered at its delay, each unanswered one censored at its closedAt or, still awaiting, at the dataset's asOf.");
    }
}

/// <summary>The Kaplan-Meier delay until an answer of a row of statistics.</summary>
public sealed class TimeToAnswerType : ObjectGraphType
{
    public TimeToAnswerType()
    {
        Name = "TimeToAnswer";
        Description = "The delay until an answer counting the questions still waiting (Kaplan-Meier, days): each question answered at its delay, each unanswered one censored at its closedAt or, still awaiting, at the dataset's asOf.";
        Field<IntGraphType>("median").Description("Days until half the questions are answered, by the Kaplan-Meier curve; null when the curve never falls to 0.5.");
        Field<IntGraphType>("p90").Description("Days until 90 % of the questions are answered, by the curve; null when it never falls to 0.1.");
        Field<NonNullGraphType<IntGraphType>>("n").Description("Questions counted: the row's questions (a timeline's: those published in the period).");
        Field<NonNullGraphType<IntGraphType>>("answered").Description("Of them, answered.");
        Field<NonNullGraphType<IntGraphType>>("censored").Description("Of them, not answered: censored at closedAt or asOf.");
    }
}

/// <summary>One period of a timeline.</summary>
public sealed class TimelineBucketType : ObjectGraphType
{
    public TimelineBucketType()
    {
        Name = "TimelineBucket";
        Description = "Questions published and questions answered in one period.";
        Field<NonNullGraphType<StringGraphType>>("period").Description("\"2024-06\" for a month, \"2024\" for a year.");
        Field<NonNullGraphType<IntGraphType>>("questions").Description("Questions matching the filter published in the period.");
        Field<NonNullGraphType<IntGraphType>>("answers").Description("Of those questions, the ones answered in the period.");
        Field<NonNullGraphType<TimeToAnswerType>>("timeToAnswer").Description("The delay until an answer of the questions published in the period, counting those still waiting (Kaplan-Meier).");
    }
}

/// <summary>The serving dataset.</summary>
public sealed class DatasetType : ObjectGraphType
{
    public DatasetType()
    {
        Name = "Dataset";
        Description = "The dataset being served: version, import time, source files, row counts and licence.";
        Field<NonNullGraphType<IntGraphType>>("version").Description("Increases with every import.");
        Field<NonNullGraphType<DateTimeGraphType>>("importedAt").Description("When the import landed (UTC).");
        Field<DateScalar>("asOf").Description("The date of the newest publication in the source (a question or an answer in the Journal officiel): the day the data speaks for, at which a question still awaiting an answer has waited so far. Null before the first question.");
        Field<NonNullGraphType<StringGraphType>>("contentHash").Description("Hash of the imported content.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetSourceType>>>>("sources").Description("The source files imported.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RowCountType>>>>("rowCounts").Description("Rows per served table.");
        Field<NonNullGraphType<IntGraphType>>("unknownAuthors").Description("Questions whose author the senators file does not know.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notices").Description("Remarks of the import on the source data.");
        Field<NonNullGraphType<BooleanGraphType>>("generated").Description("True for synthetic data written by opendata-ingest generate (then licence, licenceUrl and sourceUrl are null): not the Senate's data, but for its one real question, SEQ240611950.");
        Field<StringGraphType>("licence").Description("Licence of the data; null for generated data.");
        Field<StringGraphType>("licenceUrl").Description("Text of the licence; null for generated data.");
        Field<StringGraphType>("sourceUrl").Description("Where the data comes from; null for generated data.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetDownloadType>>>>("downloads").Description("The dataset as bulk files: Parquet and gzipped CSV for each table (REST: /v1/dataset's downloads).");
    }
}

/// <summary>A bulk file of the dataset.</summary>
public sealed class DatasetDownloadType : ObjectGraphType
{
    public DatasetDownloadType()
    {
        Name = "DatasetDownload";
        Description = "A table of the dataset as a file, served at url (GET, ranges accepted, cached for a year).";
        Field<NonNullGraphType<StringGraphType>>("table").Description("questions, answers, senators or ministries.");
        Field<NonNullGraphType<StringGraphType>>("format").Description("parquet (typed columns, dates as dates) or csv.gz (RFC 4180, UTF-8, gzipped).");
        Field<NonNullGraphType<StringGraphType>>("url").Description("Where it is served, relative to the API.");
        Field<NonNullGraphType<FloatGraphType>>("bytes").Description("Size in bytes.");
        Field<NonNullGraphType<IntGraphType>>("rows").Description("Rows of the table it holds.");
        Field<NonNullGraphType<StringGraphType>>("sha256").Description("SHA-256 of the file, hexadecimal (also its ETag).");
    }
}

/// <summary>One source file of an import.</summary>
public sealed class DatasetSourceType : ObjectGraphType
{
    public DatasetSourceType()
    {
        Name = "DatasetSource";
        Description = "One source file of an import, identified by its SHA-256.";
        Field<NonNullGraphType<StringGraphType>>("role").Description("What the file holds (questions, senators, groups).");
        Field<NonNullGraphType<StringGraphType>>("name").Description("File name.");
        Field<NonNullGraphType<StringGraphType>>("sha256").Description("SHA-256 of the file, hexadecimal.");
        Field<NonNullGraphType<FloatGraphType>>("bytes").Description("Size in bytes.");
    }
}

/// <summary>Rows of one served table.</summary>
public sealed class RowCountType : ObjectGraphType
{
    public RowCountType()
    {
        Name = "RowCount";
        Description = "The number of rows of one served table.";
        Field<NonNullGraphType<StringGraphType>>("table").Description("Table name.");
        Field<NonNullGraphType<IntGraphType>>("rows").Description("Rows.");
    }
}
