using System.Text;
using Bogus;
using MedOffice.Billing;
using MedOffice.Claims;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Demo;

/// <summary>
/// The demo's billing office: billing provider details, a starter set of common ICD-10-CM codes (the office imports the
/// full CMS file under Coding), its CPT list with its own descriptions, fee schedules, superbills, a drop-folder
/// clearinghouse under the data folder, and a few weeks of released charges — primary and secondary, several lines,
/// referring providers, a replacement, different payers — so "Create batch" or `medoffice claims export` writes a real
/// 837P at once. One visit carries a planted error (a header diagnosis) so the worklist has something to show.
/// </summary>
internal static class DemoBilling
{
    // Common primary-care codes with their CMS descriptions (ICD-10-CM is public domain). Headers (0) show the billable check.
    private const string StarterCodes =
        "code\tbillable\tshort_desc\tlong_desc\n" +
        "E11\t0\tType 2 diabetes mellitus\tType 2 diabetes mellitus\n" +
        "E119\t1\tType 2 diabetes mellitus without complications\tType 2 diabetes mellitus without complications\n" +
        "E1122\t1\tType 2 diabetes mellitus w diabetic chronic kidney disease\tType 2 diabetes mellitus with diabetic chronic kidney disease\n" +
        "E1165\t1\tType 2 diabetes mellitus with hyperglycemia\tType 2 diabetes mellitus with hyperglycemia\n" +
        "E782\t1\tMixed hyperlipidemia\tMixed hyperlipidemia\n" +
        "E785\t1\tHyperlipidemia, unspecified\tHyperlipidemia, unspecified\n" +
        "E039\t1\tHypothyroidism, unspecified\tHypothyroidism, unspecified\n" +
        "E669\t1\tObesity, unspecified\tObesity, unspecified\n" +
        "I10\t1\tEssential (primary) hypertension\tEssential (primary) hypertension\n" +
        "I2510\t1\tAthscl heart disease of native coronary artery w/o ang pctrs\tAtherosclerotic heart disease of native coronary artery without angina pectoris\n" +
        "I4891\t1\tUnspecified atrial fibrillation\tUnspecified atrial fibrillation\n" +
        "J020\t1\tStreptococcal pharyngitis\tStreptococcal pharyngitis\n" +
        "J029\t1\tAcute pharyngitis, unspecified\tAcute pharyngitis, unspecified\n" +
        "J069\t1\tAcute upper respiratory infection, unspecified\tAcute upper respiratory infection, unspecified\n" +
        "J209\t1\tAcute bronchitis, unspecified\tAcute bronchitis, unspecified\n" +
        "J45\t0\tAsthma\tAsthma\n" +
        "J45909\t1\tUnspecified asthma, uncomplicated\tUnspecified asthma, uncomplicated\n" +
        "J449\t1\tChronic obstructive pulmonary disease, unspecified\tChronic obstructive pulmonary disease, unspecified\n" +
        "K219\t1\tGastro-esophageal reflux disease without esophagitis\tGastro-esophageal reflux disease without esophagitis\n" +
        "N390\t1\tUrinary tract infection, site not specified\tUrinary tract infection, site not specified\n" +
        "N189\t1\tChronic kidney disease, unspecified\tChronic kidney disease, unspecified\n" +
        "M5450\t1\tLow back pain, unspecified\tLow back pain, unspecified\n" +
        "M25561\t1\tPain in right knee\tPain in right knee\n" +
        "R079\t1\tChest pain, unspecified\tChest pain, unspecified\n" +
        "R0602\t1\tShortness of breath\tShortness of breath\n" +
        "R109\t1\tUnspecified abdominal pain\tUnspecified abdominal pain\n" +
        "R519\t1\tHeadache, unspecified\tHeadache, unspecified\n" +
        "F419\t1\tAnxiety disorder, unspecified\tAnxiety disorder, unspecified\n" +
        "F329\t1\tMajor depressive disorder, single episode, unspecified\tMajor depressive disorder, single episode, unspecified\n" +
        "G4700\t1\tInsomnia, unspecified\tInsomnia, unspecified\n" +
        "H6690\t1\tOtitis media, unspecified, unspecified ear\tOtitis media, unspecified, unspecified ear\n" +
        "L309\t1\tDermatitis, unspecified\tDermatitis, unspecified\n" +
        "B349\t1\tViral infection, unspecified\tViral infection, unspecified\n" +
        "U071\t1\tCOVID-19\tCOVID-19\n" +
        "Z00\t0\tEncntr for general exam w/o complaint, susp or reprtd dx\tEncounter for general examination without complaint, suspected or reported diagnosis\n" +
        "Z0000\t1\tEncntr for general adult medical exam w/o abnormal findings\tEncounter for general adult medical examination without abnormal findings\n" +
        "Z0001\t1\tEncounter for general adult medical exam w abnormal findings\tEncounter for general adult medical examination with abnormal findings\n" +
        "Z23\t1\tEncounter for immunization\tEncounter for immunization\n" +
        "Z79899\t1\tOther long term (current) drug therapy\tOther long term (current) drug therapy\n" +
        "Z7984\t1\tLong term (current) use of oral hypoglycemic drugs\tLong term (current) use of oral hypoglycemic drugs\n";

    // The office's CPT list in its own words (no AMA text ships with MedOffice), with its standard fees.
    private static readonly (string Code, string Description, decimal Fee)[] OfficeCodes =
    [
        ("99203", "New patient office visit, low complexity", 165m), ("99204", "New patient office visit, moderate complexity", 250m),
        ("99212", "Established patient visit, straightforward", 75m), ("99213", "Established patient visit, low complexity", 120m),
        ("99214", "Established patient visit, moderate complexity", 180m), ("99215", "Established patient visit, high complexity", 250m),
        ("99386", "Preventive visit, new patient 40-64", 280m), ("99396", "Preventive visit, established patient 40-64", 240m),
        ("99397", "Preventive visit, established patient 65 and over", 260m),
        ("93000", "Electrocardiogram, 12 leads, with tracing and report", 65m), ("36415", "Routine venipuncture", 15m),
        ("81002", "Urinalysis by dip stick, non-automated, without microscopy", 12m), ("87880", "Rapid strep test", 30m),
        ("85025", "Complete blood count with automated differential", 28m), ("80053", "Comprehensive metabolic panel", 45m),
        ("83036", "Hemoglobin A1c", 35m), ("90471", "Immunization administration, first vaccine", 25m),
        ("90686", "Influenza vaccine, quadrivalent, preservative free, intramuscular", 40m),
        ("94010", "Spirometry", 55m), ("20610", "Arthrocentesis or injection, major joint", 140m),
    ];

    private static readonly (string Code, string Description, decimal Fee)[] HcpcsCodes =
    [
        ("G0438", "Annual wellness visit, initial", 175m), ("G0439", "Annual wellness visit, subsequent", 120m),
        ("J3301", "Triamcinolone acetonide injection, per 10 mg", 18m),
    ];

    private static readonly (string Code, string Description)[] OfficeModifiers =
    [
        ("25", "Significant, separately identifiable E/M service on the day of a procedure"), ("59", "Distinct procedural service"),
        ("26", "Professional component"), ("TC", "Technical component"), ("RT", "Right side"), ("LT", "Left side"), ("95", "Synchronous telemedicine service"),
    ];

    public static async Task LoadAsync(MedOfficeDb db, AuditTrail audit, TimeProvider time, DataDirectory data, Organization organization,
        Location main, IReadOnlyList<Provider> providers, IReadOnlyList<Payer> payers, Faker faker, Actor actor, CancellationToken cancellationToken)
    {
        var today = LocalTimes.DateAt(time.GetUtcNow().UtcDateTime, main.TimeZoneId);
        organization.BillingNpi = Npi.FromNineDigits("112233445").Value;
        organization.BillingTaxonomyCode = "261QP2300X";
        (organization.BillingAddressLine1, organization.BillingCity, organization.BillingState) = (main.AddressLine1, main.City, main.State);
        organization.BillingPostalCode = "787011234";
        organization.BillingPhone = main.Phone;
        db.Organizations.Update(organization);
        foreach (var (payer, indicator) in payers.Zip(new[] { "MB", "MC", "BL", "CI", "CI", "CI" }))
        {
            payer.ClaimFilingIndicator = indicator;
            db.Payers.Update(payer);
        }
        db.Clearinghouses.Add(new Clearinghouse
        {
            Name = "Demo clearinghouse (drop folder)", SubmitterId = "RIVERSIDE01", ReceiverId = "DEMOCLEARING", ContactName = "Blake Biller",
            ContactPhone = main.Phone ?? "5125550100", UsageIndicator = "T",
            OutboundFolder = Path.Combine(data.Path, "clearinghouse", "outbound"), InboundFolder = Path.Combine(data.Path, "clearinghouse", "inbound"),
        });
        await db.SaveChangesAsync(cancellationToken);

        // Codes: the starter set for this fiscal year and the last (visits of September bill under the old year).
        var importer = new CodeSetImporter(db, audit, time);
        foreach (var year in new[] { IcdCode.FiscalYearOf(today) - 1, IcdCode.FiscalYearOf(today) })
        {
            await importer.ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(StarterCodes)), "demo starter set", year, actor, cancellationToken);
        }
        var cpt = "code,description\n" + string.Join("\n", OfficeCodes.Select(c => $"{c.Code},\"{c.Description}\""));
        await importer.ImportCptAsync(new MemoryStream(Encoding.UTF8.GetBytes(cpt)), "demo office CPT list.csv", actor, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        db.BillingCodes.AddRange(HcpcsCodes.Select(h => new BillingCode
        {
            CodeSystem = ProcedureCodeSystems.Hcpcs, Code = h.Code, ShortDescription = h.Description, LongDescription = h.Description, UpdatedAt = now,
        }));
        db.BillingModifiers.AddRange(OfficeModifiers.Select(m => new BillingModifier { Code = m.Code, Description = m.Description, Source = "Office" }));

        // Fees: the office's list, and Medicare's lower schedule for this calendar year.
        var fees = OfficeCodes.Concat(HcpcsCodes).ToList();
        db.FeeSchedules.Add(new FeeSchedule
        {
            Name = "Office standard fees", EffectiveFrom = new DateOnly(today.Year - 1, 1, 1),
            Entries = fees.Select(f => new FeeScheduleEntry { ProcedureCode = f.Code, Fee = f.Fee }).ToList(),
        });
        db.FeeSchedules.Add(new FeeSchedule
        {
            Name = $"Medicare {today.Year - 1}-{today.Year}", PayerId = payers[0].Id, EffectiveFrom = new DateOnly(today.Year - 1, 1, 1),
            Entries = fees.Select(f => new FeeScheduleEntry { ProcedureCode = f.Code, Fee = f.Fee, ExpectedAllowed = Math.Round(f.Fee * 0.62m, 2) }).ToList(),
        });
        var types = await db.AppointmentTypes.ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        foreach (var (type, code, order) in new[]
        {
            (DemoSchedule.FollowUp, "99213", 1), (DemoSchedule.Physical, "99396", 1), (DemoSchedule.Physical, "36415", 2),
            (DemoSchedule.Physical, "80053", 3), (DemoSchedule.Ecg, "93000", 1),
        })
        {
            db.SuperbillItems.Add(new SuperbillItem { AppointmentTypeId = types[type], ProcedureCode = code, SortOrder = order });
        }
        await db.SaveChangesAsync(cancellationToken);

        await ReleaseVisitsAsync(db, time, today, main, providers, payers, faker, cancellationToken);
        var maker = new ClaimMaker(db, time);
        await maker.SweepAsync(cancellationToken);
        var scrubber = new Scrubber(db, new DiagnosisCodes(db, new DiagnosisIndexCache()), new ProcedureCodes(db, audit), maker, time);
        await scrubber.ScrubManyAsync(await db.Claims.Where(c => c.Status == ClaimStatuses.Open).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken),
            cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing,
            Detail: $"demo billing loaded: {await db.ChargeSheets.CountAsync(cancellationToken)} charge sheets, {await db.Claims.CountAsync(cancellationToken)} claims"), cancellationToken);
        db.ChangeTracker.Clear();
    }

    private sealed record Visit(string[] Diagnoses, (string Code, string Modifiers, string Pointers)[] Lines, bool Referred = false);

    private static readonly Visit[] Visits =
    [
        new(["I10", "E785"], [("99214", "", "1,2"), ("36415", "", "2"), ("80053", "", "2")]),
        new(["E119", "I10", "Z7984"], [("99214", "25", "1,2,3"), ("83036", "", "1"), ("36415", "", "1")]),
        new(["J029"], [("99213", "", "1"), ("87880", "", "1")]),
        new(["R079", "I10"], [("99214", "25", "1,2"), ("93000", "", "1")], Referred: true),
        new(["Z0000", "E785"], [("99396", "", "1,2"), ("36415", "", "2"), ("85025", "", "1")]),
        new(["J069"], [("99212", "", "1")]),
        new(["M25561"], [("99213", "25", "1"), ("20610", "RT", "1"), ("J3301", "", "1")], Referred: true),
        new(["N390"], [("99213", "", "1"), ("81002", "", "1")]),
        new(["J45909", "Z23"], [("99214", "25", "1"), ("94010", "", "1"), ("90471", "", "2"), ("90686", "", "2")]),
        new(["F419", "G4700"], [("99214", "", "1,2")]),
        new(["E1122", "N189"], [("99215", "", "1,2"), ("80053", "", "2"), ("36415", "", "2")], Referred: true),
        new(["K219"], [("99213", "", "1")]),
    ];

    private static async Task ReleaseVisitsAsync(MedOfficeDb db, TimeProvider time, DateOnly today, Location main, IReadOnlyList<Provider> providers,
        IReadOnlyList<Payer> payers, Faker faker, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var fees = OfficeCodes.Concat(HcpcsCodes).ToDictionary(c => c.Code, c => c.Fee);
        // Ordered reads: the same demo on SQLite and PostgreSQL, so its claim file can be a golden file.
        var coverages = await db.Coverages.AsNoTracking().Where(c => c.EffectiveOn <= today.AddDays(-45)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var adults = await db.Patients.AsNoTracking().Where(p => p.DateOfBirth <= today.AddYears(-18)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var withSecondary = coverages.Where(c => c.Priority == CoveragePriorities.Secondary).Select(c => c.PatientId).Distinct().Where(adults.Contains).ToList();
        var primaryOnly = coverages.Where(c => c.Priority == CoveragePriorities.Primary).Select(c => c.PatientId).Distinct()
            .Where(id => adults.Contains(id) && !withSecondary.Contains(id)).ToList();
        var referring = (First: "Paul", Last: "Nguyen", Npi: Npi.FromNineDigits("987654321").Value);

        ChargeSheet Sheet(int patientId, int visitIndex, int daysAgo)
        {
            var visit = Visits[visitIndex % Visits.Length];
            return new ChargeSheet
            {
                PatientId = patientId, LocationId = main.Id, DateOfService = Weekday(today.AddDays(-daysAgo)),
                RenderingProviderId = providers[visitIndex % providers.Count].Id, PlaceOfServiceCode = main.PlaceOfServiceCode,
                ReferringProviderFirstName = visit.Referred ? referring.First : null, ReferringProviderLastName = visit.Referred ? referring.Last : null,
                ReferringProviderNpi = visit.Referred ? referring.Npi : null,
                Status = ChargeSheetStatuses.Released, CreatedAt = now, CreatedBy = "biller", ReleasedAt = now, ReleasedBy = "biller",
                Diagnoses = visit.Diagnoses.Select((d, i) => new ChargeDiagnosis { Sequence = i + 1, Code = d }).ToList(),
                Lines = visit.Lines.Select((l, i) =>
                {
                    var modifiers = l.Modifiers.Split(':', StringSplitOptions.RemoveEmptyEntries);
                    return new ChargeLine
                    {
                        LineNumber = i + 1, ProcedureCode = l.Code, Modifier1 = modifiers.ElementAtOrDefault(0) ?? "", Amount = fees[l.Code],
                        DiagnosisPointers = l.Pointers,
                    };
                }).ToList(),
            };
        }

        // Twenty visits of patients with one insurance, across the payers the picks land on.
        var sheets = faker.Random.Shuffle(primaryOnly).Take(20).Select((patientId, i) => Sheet(patientId, i, 3 + i)).ToList();
        // Four Medicare patients with a supplement: their primary claims were paid (paper EOBs entered), so secondaries go out.
        var secondaries = faker.Random.Shuffle(withSecondary).Take(4).Select((patientId, i) => Sheet(patientId, i, 25 + i)).ToList();
        // A visit whose first charges went to the payer and were corrected: voided, and replaced.
        var corrected = Sheet(primaryOnly.Except(sheets.Select(s => s.PatientId)).First(), 3, 30);
        // And one with a planted error the scrubber holds back: a category header as the diagnosis.
        var planted = Sheet(primaryOnly.Except(sheets.Select(s => s.PatientId)).Skip(1).First(), 8, 2);
        planted.Diagnoses[0].Code = "J45";
        db.ChargeSheets.AddRange([.. sheets, .. secondaries, corrected, planted]);
        await db.SaveChangesAsync(cancellationToken);

        var maker = new ClaimMaker(db, time);
        foreach (var sheet in secondaries)
        {
            var primary = (await maker.MakePrimaryAsync(sheet.Id, cancellationToken)).Value!;
            foreach (var line in await db.ClaimLines.Where(l => l.ClaimId == primary.Id).OrderBy(l => l.LineNumber).ToListAsync(cancellationToken))
            {
                // Medicare allows 62 %, pays 80 % of it; the rest of the allowed is the patient's coinsurance, which the supplement covers.
                var allowed = Math.Round(line.Amount * 0.62m, 2);
                var paid = Math.Round(allowed * 0.8m, 2);
                await maker.RecordAdjudicationAsync(line.Id, paid, sheet.DateOfService.AddDays(14),
                    [("CO", "45", line.Amount - allowed), ("PR", "2", allowed - paid)], "Manual", cancellationToken);
            }
            var stored = await db.Claims.FirstAsync(c => c.Id == primary.Id, cancellationToken);
            stored.PayerClaimNumber = $"MCR{stored.Id:D8}";
            maker.Move(stored, ClaimStatuses.Adjudicated, "demo", "Paid by Medicare (paper EOB entered by the demo).");
            await db.SaveChangesAsync(cancellationToken);
            await maker.MakeSecondaryAsync(primary.Id, cancellationToken);
        }

        var original = (await maker.MakePrimaryAsync(corrected.Id, cancellationToken)).Value!;
        var sent = await db.Claims.FirstAsync(c => c.Id == original.Id, cancellationToken);
        sent.PayerClaimNumber = $"PCN{sent.Id:D8}";
        maker.Move(sent, ClaimStatuses.Accepted, "demo", "Accepted by the payer (demo).");
        var voided = await db.ChargeSheets.FirstAsync(s => s.Id == corrected.Id, cancellationToken);
        (voided.Status, voided.VoidedAt, voided.VoidedBy, voided.VoidReason) = (ChargeSheetStatuses.Voided, now, "biller", "Wrong visit level: documentation supports 99213.");
        var replacement = Sheet(corrected.PatientId, 3, 30);
        replacement.Lines[0].ProcedureCode = "99213";
        replacement.Lines[0].Amount = fees["99213"];
        replacement.ReplacesChargeSheetId = corrected.Id;
        db.ChargeSheets.Add(replacement);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(-2),
        _ => day,
    };
}
