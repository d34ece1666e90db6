using PdfSharp.Fonts;

namespace MedOffice.DaySheets;

/// <summary>
/// PDFsharp on Linux finds no fonts by itself: this resolver serves one sans-serif family, regular and bold, from the
/// TrueType files Debian installs (DejaVu Sans from fonts-dejavu-core, else Liberation Sans). Every family name asked
/// for gets it, so printouts look the same on every server. Without either font, printing fails with a message saying
/// which package to install, rather than PDFsharp's own.
/// </summary>
public sealed class SystemFontResolver : IFontResolver
{
    public const string FamilyName = "MedOffice Sans";
    private const string RegularFace = "MedOffice Sans Regular";
    private const string BoldFace = "MedOffice Sans Bold";

    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
        ("C:\\Windows\\Fonts\\arial.ttf", "C:\\Windows\\Fonts\\arialbd.ttf"),
    ];

    private static readonly Lock Gate = new();
    private static readonly SystemFontResolver Instance = new();
    private readonly Lazy<(byte[] Regular, byte[] Bold)> _fonts = new(Load);

    private SystemFontResolver()
    {
    }

    /// <summary>Installs the resolver for the process. PDFsharp wants the same instance every time, so it is one static instance.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
        // Fail here, with the reason, before PDFsharp tries to draw.
        _ = Instance._fonts.Value;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Italic is simulated by PDFsharp from the upright face.
        new(bold ? BoldFace : RegularFace, false, italic);

    public byte[]? GetFont(string faceName) => faceName == BoldFace ? _fonts.Value.Bold : _fonts.Value.Regular;

    private static (byte[] Regular, byte[] Bold) Load()
    {
        foreach (var (regular, bold) in Candidates)
        {
            if (File.Exists(regular))
            {
                return (File.ReadAllBytes(regular), File.ReadAllBytes(File.Exists(bold) ? bold : regular));
            }
        }
        throw new InvalidOperationException(
            "No TrueType font for PDF printing was found. Install DejaVu Sans (Debian: apt-get install fonts-dejavu-core) "
            + "or Liberation Sans (fonts-liberation); looked for " + string.Join(", ", Candidates.Select(c => c.Regular)) + ".");
    }
}
