namespace OpenData.Data.Reading;

/// <summary>
/// Asked before each batch of a request runs, knowing its <see cref="ReadBatch.Work"/>: the API charges that work to
/// the caller's quota there, and refuses the batch (by throwing) when the caller cannot pay, before PostgreSQL does it.
/// Told after it ran how long PostgreSQL took (<see cref="SettleAsync"/>), to bill what its price did not cover.
/// </summary>
public interface IBatchAdmission
{
    ValueTask AdmitAsync(ReadBatch batch, CancellationToken cancellationToken);

    /// <summary>The batch ran (or failed) after <paramref name="spent"/> of waiting for PostgreSQL's answers.</summary>
    ValueTask SettleAsync(TimeSpan spent);
}
