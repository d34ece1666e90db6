using System.CommandLine;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Web;
using Microsoft.Extensions.DependencyInjection;

// One executable for the office: `medoffice serve` (the default) and its administrative commands.
var dataOption = new Option<string?>("--data") { Description = "Data directory (SQLite file and stored files). Default: $MEDOFFICE_DATA or ./data" };
var databaseOption = new Option<string?>("--database")
{
    Description = "Database: 'sqlite:PATH' or 'postgres:Host=...;Database=...;Username=...' (default: $MEDOFFICE_DATABASE or SQLite in the data directory)",
};
var urlsOption = new Option<string>("--urls") { Description = "Address(es) to listen on", DefaultValueFactory = _ => MedOfficeSettings.DefaultUrls };
var demoOption = new Option<bool>("--demo") { Description = "Load a demo practice into an empty database and print the demo users' password" };

var serve = new Command("serve", "Run the office (web UI and API)") { dataOption, databaseOption, urlsOption, demoOption };
serve.SetAction((result, cancellationToken) => ServeAsync(Settings(result), cancellationToken));

var verify = new Command("verify", "Check the audit trail's hash chain and report the first broken link") { dataOption, databaseOption };
verify.SetAction(async (result, cancellationToken) =>
{
    var settings = Settings(result);
    await using var db = DataServices.CreateContext(settings.Database);
    await SchemaMigrator.MigrateAsync(db, cancellationToken: cancellationToken);
    var verification = await new AuditVerifier(db).VerifyAsync(cancellationToken);
    Console.WriteLine(verification.Message);
    return verification.IsIntact ? 0 : 2;
});
var audit = new Command("audit", "Audit trail commands") { verify };

var exportDirectory = new Argument<DirectoryInfo>("dir") { Description = "Folder to write the 837P file into (created if missing)" };
var export = new Command("export", "Write the 837P batch of all released, scrubbed claims (the same as the UI's \"Create batch\")") { exportDirectory, dataOption, databaseOption };
export.SetAction(async (result, cancellationToken) =>
{
    var outcome = await CommandLine.ExportClaimsAsync(Settings(result), result.GetValue(exportDirectory)!.FullName, cancellationToken);
    Console.WriteLine(outcome.Message);
    return outcome.ExitCode;
});
var claims = new Command("claims", "Claim commands") { export };

var eraFile = new Argument<FileInfo>("file") { Description = "The 835 remittance file to post" };
var eraImport = new Command("import", "Post an 835 remittance: payments, adjustments and patient responsibility per line; refused when it does not balance") { eraFile, dataOption, databaseOption };
eraImport.SetAction(async (result, cancellationToken) =>
{
    var outcome = await CommandLine.ImportRemittanceAsync(Settings(result), result.GetValue(eraFile)!, cancellationToken);
    Console.WriteLine(outcome.Message);
    return outcome.ExitCode;
});
var era = new Command("era", "Remittance (835) commands") { eraImport };

var x12File = new Argument<FileInfo>("file") { Description = "Any X12 5010 file (837P, 835, 999, 277CA, 270/271, 276/277)" };
var check = new Command("check", "Say what an X12 file is and list every implementation-guide error in plain words (exit code 1 when invalid)") { x12File };
check.SetAction(result => CommandLine.CheckX12(result.GetValue(x12File)!));
var x12 = new Command("x12", "X12 file commands") { check };

var root = new RootCommand("MedOffice: practice-management for a medical office") { serve, audit, claims, era, x12, dataOption, databaseOption, urlsOption, demoOption };
root.SetAction((result, cancellationToken) => ServeAsync(Settings(result), cancellationToken));
return await root.Parse(args).InvokeAsync();

MedOfficeSettings Settings(ParseResult result)
{
    var data = MedOfficeSettings.ResolveDataDirectory(result.GetValue(dataOption));
    return new MedOfficeSettings(data, MedOfficeSettings.ResolveDatabase(result.GetValue(databaseOption), data),
        result.GetValue(urlsOption) ?? MedOfficeSettings.DefaultUrls, result.GetValue(demoOption));
}

static async Task<int> ServeAsync(MedOfficeSettings settings, CancellationToken cancellationToken)
{
    var app = MedOfficeApp.Create(settings);
    var demo = await MedOfficeApp.PrepareDatabaseAsync(app, settings.Demo, cancellationToken);
    if (demo is not null)
    {
        Console.WriteLine();
        Console.WriteLine("Demo practice loaded. Sign in as one of these users (the password is shown only now):");
        Console.WriteLine($"  users:    {string.Join(", ", demo.UserNames)}");
        Console.WriteLine($"  password: {demo.Password}");
        Console.WriteLine();
    }
    Console.WriteLine($"MedOffice is running on {settings.Urls} (data: {settings.DataDirectory}, database: {settings.Database.Provider}).");
    await app.RunAsync(cancellationToken);
    return 0;
}
