namespace OpenData.Data.Reading;

/// <summary>
/// Asked before each batch of a request runs, knowing its <see cref="ReadBatch.Work"/>: the API charges that work to
/// the caller's quota there, and refuses the batch (by throwing) when the caller cannot pay, before PostgreSQL does it.
/// </summary>
public interface IBatchAdmission
{
    ValueTask AdmitAsync(ReadBatch batch, CancellationToken cancellationToken);
}
