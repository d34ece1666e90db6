using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedOffice.Web;

/// <summary>The one place unexpected failures become ProblemDetails. Malformed requests (bad JSON, bad dates) get their reason.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            httpContext.Response.StatusCode = bad.StatusCode;
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = Reason(bad),
            };
        }
        else
        {
            logger.LogError(exception, "Unhandled exception for {Path}", httpContext.Request.Path);
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            problem = new ProblemDetails { Status = 500, Title = "Something went wrong on our side; the request was not completed. Please try again." };
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // The serializer's own message names a .NET type and hides the field in its "Path:" suffix; the caller needs the field.
    private static string Reason(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException { Path: { Length: > 2 } path } json)
        {
            var hint = json.Message.Contains("Date", StringComparison.Ordinal) ? " Dates are written yyyy-MM-dd and must exist on the calendar." : "";
            return $"The value of '{path.TrimStart('$').TrimStart('.')}' could not be read.{hint}";
        }
        return (bad.InnerException?.Message ?? bad.Message).Split(" Path:")[0];
    }
}
