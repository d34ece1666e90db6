using MedOffice.Claims;
using MedOffice.Security;

namespace MedOffice.Remittance;

/// <summary>835s collected from the clearinghouse folder post like an upload, inside the inbox's transaction.</summary>
public sealed class RemittanceFileHandler(RemittanceImport import) : IInboundFileHandler
{
    public bool Handles(string transactionSetId, string implementationReference) => transactionSetId == "835";

    public async Task<string> HandleAsync(string content, CancellationToken cancellationToken)
    {
        var result = await import.ImportAsync(content, "clearinghouse 835", Actor.System("clearinghouse"), cancellationToken);
        return result.Succeeded
            ? result.Value!.ToString().Replace(Environment.NewLine, " ", StringComparison.Ordinal)
            : "Refused: " + string.Join(" ", result.Errors.Select(e => e.Message));
    }
}
