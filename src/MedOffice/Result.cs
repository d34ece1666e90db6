namespace MedOffice;

/// <summary>A problem with one field of a request, in words the user can act on.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The outcome of a business operation that can be refused for expected reasons (invalid input, a duplicate,
/// a locked account). Expected refusals are returned, never thrown.
/// </summary>
public sealed class Result<T>
{
    private Result(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Result<T> Ok(T value) => new(value, []);
    public static Result<T> Fail(string field, string message) => new(default, [new FieldError(field, message)]);
    public static Result<T> Fail(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    /// <summary>The errors grouped by field, as ASP.NET's ValidationProblem wants them.</summary>
    public Dictionary<string, string[]> ErrorsByField() =>
        Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
