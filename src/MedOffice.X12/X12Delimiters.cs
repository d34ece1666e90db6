namespace MedOffice.X12;

/// <summary>The four delimiters of an interchange, as declared by its ISA segment.</summary>
/// <remarks>X12 delimiters are single bytes; <see cref="Repetition"/> is <c>'\0'</c> when the interchange declares none (version 4010).</remarks>
public readonly record struct X12Delimiters
{
    /// <summary>The usual delimiters: <c>*</c> between elements, <c>:</c> between components, <c>^</c> between repetitions, <c>~</c> after each segment.</summary>
    public static X12Delimiters Default { get; } = new('*', ':', '^', '~');

    /// <summary>Creates a set of delimiters; all must be distinct ASCII punctuation or control characters.</summary>
    /// <exception cref="ArgumentException">When two coincide or one is a letter, digit, space or non-ASCII.</exception>
    public X12Delimiters(char element, char component, char repetition, char segment)
    {
        foreach (var c in (ReadOnlySpan<char>)[element, component, repetition, segment])
        {
            if (c > 127 || char.IsAsciiLetterOrDigit(c) || c == ' ')
            {
                throw new ArgumentException($"'{c}' cannot be an X12 delimiter: delimiters must be ASCII characters that never occur in data.");
            }
        }
        if (element == component || element == repetition || element == segment || component == repetition || component == segment || repetition == segment)
        {
            throw new ArgumentException("X12 delimiters must be four different characters.");
        }
        Element = element;
        Component = component;
        Repetition = repetition;
        Segment = segment;
    }

    private X12Delimiters(byte element, byte component, byte repetition, byte segment, bool _)
    {
        Element = (char)element;
        Component = (char)component;
        Repetition = (char)repetition;
        Segment = (char)segment;
    }

    internal static X12Delimiters FromBytes(byte element, byte component, byte repetition, byte segment) =>
        new(element, component, repetition, segment, false);

    /// <summary>The element separator (ISA position 4).</summary>
    public char Element { get; }

    /// <summary>The component (sub-element) separator (ISA16).</summary>
    public char Component { get; }

    /// <summary>The repetition separator (ISA11 in version 5010), or <c>'\0'</c> if there is none.</summary>
    public char Repetition { get; }

    /// <summary>The segment terminator (the character after ISA16).</summary>
    public char Segment { get; }
}
