using OpenData.Data.Graph;

namespace OpenData.Api.GraphQL.Types;

/// <summary>How a ministry handled the questions it had to answer.</summary>
public sealed class MinistryStatsType() : DeclaredObjectType(GraphDeclarations.MinistryStats);

/// <summary>The Kaplan-Meier delays of a row of statistics.</summary>
public sealed class TimeToAnswerType() : DeclaredObjectType(GraphDeclarations.TimeToAnswer);

/// <summary>One period of a timeline.</summary>
public sealed class TimelineBucketType() : DeclaredObjectType(GraphDeclarations.TimelineBucket);

/// <summary>The serving dataset.</summary>
public sealed class DatasetType() : DeclaredObjectType(GraphDeclarations.Dataset);

/// <summary>A bulk file of the dataset.</summary>
public sealed class DatasetDownloadType() : DeclaredObjectType(GraphDeclarations.DatasetDownload);

/// <summary>One source file of an import.</summary>
public sealed class DatasetSourceType() : DeclaredObjectType(GraphDeclarations.DatasetSource);

/// <summary>Rows of one served table.</summary>
public sealed class RowCountType() : DeclaredObjectType(GraphDeclarations.RowCount);
