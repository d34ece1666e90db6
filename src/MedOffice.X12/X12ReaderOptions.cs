namespace MedOffice.X12;

/// <summary>Limits for <see cref="X12Reader"/>.</summary>
public sealed record X12ReaderOptions
{
    /// <summary>The size of each read from the stream, in bytes (64 KiB by default).</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// The longest segment accepted, in bytes (1 MiB by default). A longer one almost always means the segment
    /// terminator is wrong, and the reader stops with an <see cref="X12Exception"/> rather than buffer the whole input.
    /// </summary>
    public int MaxSegmentLength { get; init; } = 1024 * 1024;

    /// <summary>The most problems kept in <see cref="X12Reader.Errors"/> (1,000 by default); one more says the rest were left out.</summary>
    public int MaxErrors { get; init; } = 1000;
}
