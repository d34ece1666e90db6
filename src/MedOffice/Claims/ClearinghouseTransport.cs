namespace MedOffice.Claims;

/// <summary>A file the clearinghouse left for the office (999, 277CA, 271, 277, 835).</summary>
public sealed record InboundFile(string Name, string FullPath, long Length);

/// <summary>
/// How batch files reach the clearinghouse and its answers come back. A file is first staged under a name the
/// clearinghouse ignores, then published by an atomic rename once the database says it was sent, so a crash never
/// leaves a half-written file for pick-up nor a sent file the database does not know.
/// </summary>
public interface IClearinghouseTransport
{
    Task StageAsync(string fileName, string content, CancellationToken cancellationToken = default);
    Task PublishAsync(string fileName, CancellationToken cancellationToken = default);
    Task DiscardAsync(string fileName, CancellationToken cancellationToken = default);
    IReadOnlyList<string> Staged();
    IReadOnlyList<InboundFile> Inbound();
    /// <summary>Moves a read file out of the way (to processed/), so it is read once.</summary>
    Task DoneAsync(InboundFile file, CancellationToken cancellationToken = default);
    /// <summary>Moves a file nothing read (to unhandled/), where a person, or a later MedOffice that reads its kind, finds it.</summary>
    Task SetAsideAsync(InboundFile file, CancellationToken cancellationToken = default);
}

/// <summary>
/// The drop-folder exchange most clearinghouses offer (over SFTP or a synced folder): outbound files for pick-up,
/// inbound files to collect. Staged files carry a leading dot and a .part suffix.
/// </summary>
public sealed class DropFolderTransport(string outboundFolder, string inboundFolder) : IClearinghouseTransport
{
    private const string StagePrefix = ".";
    private const string StageSuffix = ".part";

    public static IClearinghouseTransport For(Clearinghouse clearinghouse) => new DropFolderTransport(clearinghouse.OutboundFolder, clearinghouse.InboundFolder);

    public async Task StageAsync(string fileName, string content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outboundFolder);
        var path = StagedPath(fileName);
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, FileOptions.WriteThrough))
        await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
        {
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }
    }

    public Task PublishAsync(string fileName, CancellationToken cancellationToken = default)
    {
        File.Move(StagedPath(fileName), Path.Combine(outboundFolder, fileName), overwrite: false);
        return Task.CompletedTask;
    }

    public Task DiscardAsync(string fileName, CancellationToken cancellationToken = default)
    {
        File.Delete(StagedPath(fileName));
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> Staged() =>
        Directory.Exists(outboundFolder)
            ? Directory.EnumerateFiles(outboundFolder, StagePrefix + "*" + StageSuffix)
                .Select(p => Path.GetFileName(p)[StagePrefix.Length..^StageSuffix.Length]).Order(StringComparer.Ordinal).ToList()
            : [];

    public IReadOnlyList<InboundFile> Inbound() =>
        Directory.Exists(inboundFolder)
            ? new DirectoryInfo(inboundFolder).EnumerateFiles().Where(f => !f.Name.StartsWith('.'))
                .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => new InboundFile(f.Name, f.FullName, f.Length)).ToList()
            : [];

    public Task DoneAsync(InboundFile file, CancellationToken cancellationToken = default) => MoveAsync(file, "processed");

    public Task SetAsideAsync(InboundFile file, CancellationToken cancellationToken = default) => MoveAsync(file, "unhandled");

    private Task MoveAsync(InboundFile file, string subfolder)
    {
        var folder = Path.Combine(inboundFolder, subfolder);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, file.Name);
        for (var n = 1; File.Exists(target); n++)
        {
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file.Name)}.{n}{Path.GetExtension(file.Name)}");
        }
        try
        {
            File.Move(file.FullPath, target);
        }
        catch (FileNotFoundException)
        {
            // Already moved by another node.
        }
        return Task.CompletedTask;
    }

    private string StagedPath(string fileName) => Path.Combine(outboundFolder, StagePrefix + fileName + StageSuffix);
}
