// The tests wait about half their time (for processes, a browser, the database): four run at once on two cores, the
// longest collections started first (OpenData.Testing.LongestFirst).
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
[assembly: TestCollectionOrderer(OpenData.Testing.LongestFirst.TypeName, OpenData.Testing.LongestFirst.AssemblyName)]
