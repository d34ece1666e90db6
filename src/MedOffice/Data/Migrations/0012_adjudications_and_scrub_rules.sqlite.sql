-- 0012: how payers adjudicated claim lines (typed from a paper EOB, or posted from an 835), which secondary claims carry
-- as their COB loops; the scrubber's standard rules; each payer's claim filing indicator (SBR09).

ALTER TABLE "Payers" ADD COLUMN "ClaimFilingIndicator" TEXT NOT NULL DEFAULT 'CI';

CREATE TABLE "PayerLineAdjudications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PayerLineAdjudications" PRIMARY KEY AUTOINCREMENT,
    "ClaimId" INTEGER NOT NULL,
    "ClaimLineId" INTEGER NOT NULL,
    "PaidAmount" TEXT NOT NULL,
    "AdjudicatedOn" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    CONSTRAINT "FK_PayerLineAdjudications_ClaimLines_ClaimLineId" FOREIGN KEY ("ClaimLineId") REFERENCES "ClaimLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PayerLineAdjudications_Claims_ClaimId" FOREIGN KEY ("ClaimId") REFERENCES "Claims" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PayerAdjustments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PayerAdjustments" PRIMARY KEY AUTOINCREMENT,
    "PayerLineAdjudicationId" INTEGER NOT NULL,
    "GroupCode" TEXT NOT NULL,
    "ReasonCode" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "Quantity" TEXT NULL,
    CONSTRAINT "CK_PayerAdjustments_Group" CHECK ("GroupCode" IN ('CO','PR','OA','PI','CR')),
    CONSTRAINT "FK_PayerAdjustments_PayerLineAdjudications_PayerLineAdjudicationId" FOREIGN KEY ("PayerLineAdjudicationId") REFERENCES "PayerLineAdjudications" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PayerAdjustments_PayerLineAdjudicationId" ON "PayerAdjustments" ("PayerLineAdjudicationId");

CREATE INDEX "IX_PayerLineAdjudications_ClaimId" ON "PayerLineAdjudications" ("ClaimId");

CREATE UNIQUE INDEX "IX_PayerLineAdjudications_ClaimLineId" ON "PayerLineAdjudications" ("ClaimLineId");

-- The scrubber's standard edits for every payer; offices add payer rows (timely filing days, modifier pairs, required fields).
INSERT INTO "ScrubRules" ("Kind", "PayerId", "Parameter", "Severity", "Note", "IsActive") VALUES
    ('RequiredField', NULL, 'Patient.AddressLine1', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Patient.City', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Patient.State', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Patient.PostalCode', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Subscriber.MemberId', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Payer.PayerIdentifier', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Organization.BillingNpi', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Organization.TaxId', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Organization.BillingAddressLine1', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Organization.BillingCity', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Organization.BillingState', 'Error', NULL, 1),
    ('RequiredField', NULL, 'Organization.BillingPostalCode', 'Error', NULL, 1),
    ('ValidNpi', NULL, '', 'Error', NULL, 1),
    ('ValidTaxonomy', NULL, '', 'Error', NULL, 1),
    ('NineDigitBillingZip', NULL, '', 'Error', NULL, 1),
    ('DiagnosisBillable', NULL, '', 'Error', NULL, 1),
    ('DiagnosisPointers', NULL, '', 'Error', NULL, 1),
    ('ProcedureKnown', NULL, '', 'Error', NULL, 1),
    ('NoFutureService', NULL, '', 'Error', NULL, 1),
    ('TimelyFiling', NULL, '365', 'Error', NULL, 1),
    ('DuplicateClaim', NULL, '', 'Error', NULL, 1),
    ('ModifierConflict', NULL, '26,TC', 'Error', NULL, 1),
    ('ModifierOnlyWith', NULL, '25:99202-99499', 'Error', NULL, 1),
    ('PlaceOfServiceMatchesLocation', NULL, '', 'Error', NULL, 1);
