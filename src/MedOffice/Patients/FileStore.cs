using System.Security.Cryptography;
using MedOffice.Data;

namespace MedOffice.Patients;

/// <summary>Keeps uploaded files under the data directory, written atomically (temp file, then rename), recorded in StoredFiles.</summary>
public sealed class FileStore(MedOfficeDb db, DataDirectory dataDirectory, TimeProvider time)
{
    public const long MaximumImageBytes = 10 * 1024 * 1024;
    private static readonly Dictionary<string, byte[]> ImageSignatures = new()
    {
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47],
        ["application/pdf"] = [0x25, 0x50, 0x44, 0x46],
    };

    public async Task<Result<StoredFile>> SaveImageAsync(Stream content, string fileName, string contentType, int? patientId, CancellationToken cancellationToken)
    {
        if (!ImageSignatures.TryGetValue(contentType, out var signature))
        {
            return Result<StoredFile>.Fail("File", "Card images must be JPEG, PNG or PDF.");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return Result<StoredFile>.Fail("File", "The file is empty.");
        }
        if (buffer.Length > MaximumImageBytes)
        {
            return Result<StoredFile>.Fail("File", "The file is larger than 10 MB.");
        }
        var bytes = buffer.ToArray();
        if (!bytes.AsSpan().StartsWith(signature))
        {
            return Result<StoredFile>.Fail("File", $"The file's content is not {contentType}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var relative = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
            now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"));
        var full = Path.Combine(dataDirectory.FilesPath, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, full);

        var stored = new StoredFile
        {
            FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 255 } name ? name : "upload",
            ContentType = contentType,
            Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            RelativePath = relative,
            PatientId = patientId,
            CreatedAt = now,
        };
        db.StoredFiles.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return Result<StoredFile>.Ok(stored);
    }

    public string FullPath(StoredFile file) => Path.Combine(dataDirectory.FilesPath, file.RelativePath);
}
