-- 0011: billing and claims. Fee schedules (office and per payer, effective-dated), superbills per visit type, charge
-- sheets (draft -> released -> voided, never edited once released), claims frozen from released sheets with their
-- lines and status history, 837P batches with unique control numbers, the scrubber's rules as data, the clearinghouse.
-- The organization gets the billing provider's NPI, taxonomy and address.

ALTER TABLE "Organizations" ADD COLUMN "BillingNpi" TEXT NULL;
ALTER TABLE "Organizations" ADD COLUMN "BillingTaxonomyCode" TEXT NULL;
ALTER TABLE "Organizations" ADD COLUMN "BillingAddressLine1" TEXT NULL;
ALTER TABLE "Organizations" ADD COLUMN "BillingCity" TEXT NULL;
ALTER TABLE "Organizations" ADD COLUMN "BillingState" TEXT NULL;
ALTER TABLE "Organizations" ADD COLUMN "BillingPostalCode" TEXT NULL;
ALTER TABLE "Organizations" ADD COLUMN "BillingPhone" TEXT NULL;

CREATE TABLE "ClaimBatches" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ClaimBatches" PRIMARY KEY AUTOINCREMENT,
    "InterchangeControlNumber" INTEGER NOT NULL,
    "GroupControlNumber" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ClaimCount" INTEGER NOT NULL,
    "TotalCharge" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AcknowledgmentNote" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "SentAt" TEXT NULL
);

CREATE TABLE "Clearinghouses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Clearinghouses" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "SubmitterId" TEXT NOT NULL,
    "ReceiverId" TEXT NOT NULL,
    "IdQualifier" TEXT NOT NULL,
    "ContactName" TEXT NOT NULL,
    "ContactPhone" TEXT NOT NULL,
    "UsageIndicator" TEXT NOT NULL,
    "OutboundFolder" TEXT NOT NULL,
    "InboundFolder" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "CK_Clearinghouses_Usage" CHECK ("UsageIndicator" IN ('T','P'))
);

CREATE TABLE "ControlNumbers" (
    "Kind" TEXT NOT NULL CONSTRAINT "PK_ControlNumbers" PRIMARY KEY,
    "LastValue" INTEGER NOT NULL
);

CREATE TABLE "SuperbillItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SuperbillItems" PRIMARY KEY AUTOINCREMENT,
    "AppointmentTypeId" INTEGER NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "Modifier" TEXT NOT NULL,
    "Units" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    CONSTRAINT "FK_SuperbillItems_AppointmentTypes_AppointmentTypeId" FOREIGN KEY ("AppointmentTypeId") REFERENCES "AppointmentTypes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "FeeSchedules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FeeSchedules" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "PayerId" INTEGER NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    CONSTRAINT "CK_FeeSchedules_Dates" CHECK ("EffectiveTo" IS NULL OR "EffectiveTo" >= "EffectiveFrom"),
    CONSTRAINT "FK_FeeSchedules_Payers_PayerId" FOREIGN KEY ("PayerId") REFERENCES "Payers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ScrubRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScrubRules" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "PayerId" INTEGER NULL,
    "Parameter" TEXT NOT NULL,
    "Severity" TEXT NOT NULL,
    "Note" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "CK_ScrubRules_Severity" CHECK ("Severity" IN ('Error','Warning')),
    CONSTRAINT "FK_ScrubRules_Payers_PayerId" FOREIGN KEY ("PayerId") REFERENCES "Payers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "FeeScheduleEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FeeScheduleEntries" PRIMARY KEY AUTOINCREMENT,
    "FeeScheduleId" INTEGER NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "Modifier" TEXT NOT NULL,
    "Fee" TEXT NOT NULL,
    "ExpectedAllowed" TEXT NULL,
    CONSTRAINT "CK_FeeScheduleEntries_Fee" CHECK (CAST("Fee" AS NUMERIC) >= 0),
    CONSTRAINT "FK_FeeScheduleEntries_FeeSchedules_FeeScheduleId" FOREIGN KEY ("FeeScheduleId") REFERENCES "FeeSchedules" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ChargeSheets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ChargeSheets" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "AppointmentId" INTEGER NULL,
    "LocationId" INTEGER NOT NULL,
    "DateOfService" TEXT NOT NULL,
    "RenderingProviderId" INTEGER NOT NULL,
    "ReferringProviderFirstName" TEXT NULL,
    "ReferringProviderLastName" TEXT NULL,
    "ReferringProviderNpi" TEXT NULL,
    "PlaceOfServiceCode" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ReplacesChargeSheetId" INTEGER NULL,
    "VoidReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "ReleasedAt" TEXT NULL,
    "ReleasedBy" TEXT NULL,
    "VoidedAt" TEXT NULL,
    "VoidedBy" TEXT NULL,
    CONSTRAINT "CK_ChargeSheets_Status" CHECK ("Status" IN ('Draft', 'Released', 'Voided')),
    CONSTRAINT "FK_ChargeSheets_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ChargeSheets_ChargeSheets_ReplacesChargeSheetId" FOREIGN KEY ("ReplacesChargeSheetId") REFERENCES "ChargeSheets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ChargeSheets_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ChargeSheets_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ChargeSheets_Providers_RenderingProviderId" FOREIGN KEY ("RenderingProviderId") REFERENCES "Providers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ChargeDiagnoses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ChargeDiagnoses" PRIMARY KEY AUTOINCREMENT,
    "ChargeSheetId" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    CONSTRAINT "CK_ChargeDiagnoses_Sequence" CHECK ("Sequence" BETWEEN 1 AND 12),
    CONSTRAINT "FK_ChargeDiagnoses_ChargeSheets_ChargeSheetId" FOREIGN KEY ("ChargeSheetId") REFERENCES "ChargeSheets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ChargeLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ChargeLines" PRIMARY KEY AUTOINCREMENT,
    "ChargeSheetId" INTEGER NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "Modifier1" TEXT NOT NULL,
    "Modifier2" TEXT NOT NULL,
    "Modifier3" TEXT NOT NULL,
    "Modifier4" TEXT NOT NULL,
    "Units" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "DiagnosisPointers" TEXT NOT NULL,
    CONSTRAINT "CK_ChargeLines_Amount" CHECK (CAST("Amount" AS NUMERIC) >= 0),
    CONSTRAINT "CK_ChargeLines_Units" CHECK (CAST("Units" AS NUMERIC) > 0),
    CONSTRAINT "FK_ChargeLines_ChargeSheets_ChargeSheetId" FOREIGN KEY ("ChargeSheetId") REFERENCES "ChargeSheets" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Claims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Claims" PRIMARY KEY AUTOINCREMENT,
    "ClaimNumber" TEXT NOT NULL,
    "ChargeSheetId" INTEGER NOT NULL,
    "PatientId" INTEGER NOT NULL,
    "CoverageId" INTEGER NOT NULL,
    "PayerId" INTEGER NOT NULL,
    "PayerSequence" TEXT NOT NULL,
    "Frequency" TEXT NOT NULL,
    "CorrectsClaimId" INTEGER NULL,
    "PayerClaimNumber" TEXT NULL,
    "DateOfService" TEXT NOT NULL,
    "TotalCharge" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "StatusReason" TEXT NULL,
    "BatchId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "CK_Claims_Frequency" CHECK ("Frequency" IN ('1','7','8')),
    CONSTRAINT "CK_Claims_PayerSequence" CHECK ("PayerSequence" IN ('P','S','T')),
    CONSTRAINT "CK_Claims_Status" CHECK ("Status" IN ('Open','Ready','Sent','Accepted','Rejected','Adjudicated','Cancelled')),
    CONSTRAINT "CK_Claims_TotalCharge" CHECK (CAST("TotalCharge" AS NUMERIC) >= 0),
    CONSTRAINT "FK_Claims_ChargeSheets_ChargeSheetId" FOREIGN KEY ("ChargeSheetId") REFERENCES "ChargeSheets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Claims_ClaimBatches_BatchId" FOREIGN KEY ("BatchId") REFERENCES "ClaimBatches" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Claims_Claims_CorrectsClaimId" FOREIGN KEY ("CorrectsClaimId") REFERENCES "Claims" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Claims_Coverages_CoverageId" FOREIGN KEY ("CoverageId") REFERENCES "Coverages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Claims_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Claims_Payers_PayerId" FOREIGN KEY ("PayerId") REFERENCES "Payers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClaimEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ClaimEvents" PRIMARY KEY AUTOINCREMENT,
    "ClaimId" INTEGER NOT NULL,
    "OccurredAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Detail" TEXT NOT NULL,
    CONSTRAINT "FK_ClaimEvents_Claims_ClaimId" FOREIGN KEY ("ClaimId") REFERENCES "Claims" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ClaimLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ClaimLines" PRIMARY KEY AUTOINCREMENT,
    "ClaimId" INTEGER NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "ChargeLineId" INTEGER NOT NULL,
    "ProcedureCode" TEXT NOT NULL,
    "Modifiers" TEXT NOT NULL,
    "Units" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "DiagnosisPointers" TEXT NOT NULL,
    CONSTRAINT "CK_ClaimLines_Amount" CHECK (CAST("Amount" AS NUMERIC) >= 0),
    CONSTRAINT "FK_ClaimLines_ChargeLines_ChargeLineId" FOREIGN KEY ("ChargeLineId") REFERENCES "ChargeLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ClaimLines_Claims_ClaimId" FOREIGN KEY ("ClaimId") REFERENCES "Claims" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ChargeDiagnoses_ChargeSheetId_Sequence" ON "ChargeDiagnoses" ("ChargeSheetId", "Sequence");

CREATE UNIQUE INDEX "IX_ChargeLines_ChargeSheetId_LineNumber" ON "ChargeLines" ("ChargeSheetId", "LineNumber");

CREATE INDEX "IX_ChargeSheets_AppointmentId" ON "ChargeSheets" ("AppointmentId");

CREATE INDEX "IX_ChargeSheets_LocationId" ON "ChargeSheets" ("LocationId");

CREATE INDEX "IX_ChargeSheets_PatientId_DateOfService" ON "ChargeSheets" ("PatientId", "DateOfService");

CREATE INDEX "IX_ChargeSheets_RenderingProviderId" ON "ChargeSheets" ("RenderingProviderId");

CREATE INDEX "IX_ChargeSheets_ReplacesChargeSheetId" ON "ChargeSheets" ("ReplacesChargeSheetId");

CREATE INDEX "IX_ChargeSheets_Status_DateOfService" ON "ChargeSheets" ("Status", "DateOfService");

CREATE UNIQUE INDEX "IX_ClaimBatches_InterchangeControlNumber" ON "ClaimBatches" ("InterchangeControlNumber");

CREATE INDEX "IX_ClaimEvents_ClaimId_OccurredAt" ON "ClaimEvents" ("ClaimId", "OccurredAt");

CREATE INDEX "IX_ClaimLines_ChargeLineId" ON "ClaimLines" ("ChargeLineId");

CREATE UNIQUE INDEX "IX_ClaimLines_ClaimId_LineNumber" ON "ClaimLines" ("ClaimId", "LineNumber");

CREATE INDEX "IX_Claims_BatchId" ON "Claims" ("BatchId");

CREATE INDEX "IX_Claims_ChargeSheetId" ON "Claims" ("ChargeSheetId");

CREATE UNIQUE INDEX "IX_Claims_ClaimNumber" ON "Claims" ("ClaimNumber");

CREATE INDEX "IX_Claims_CorrectsClaimId" ON "Claims" ("CorrectsClaimId");

CREATE INDEX "IX_Claims_CoverageId" ON "Claims" ("CoverageId");

CREATE INDEX "IX_Claims_PatientId" ON "Claims" ("PatientId");

CREATE INDEX "IX_Claims_PayerId" ON "Claims" ("PayerId");

CREATE INDEX "IX_Claims_Status_PayerId" ON "Claims" ("Status", "PayerId");

CREATE UNIQUE INDEX "IX_FeeScheduleEntries_FeeScheduleId_ProcedureCode_Modifier" ON "FeeScheduleEntries" ("FeeScheduleId", "ProcedureCode", "Modifier");

CREATE INDEX "IX_FeeSchedules_PayerId_EffectiveFrom" ON "FeeSchedules" ("PayerId", "EffectiveFrom");

CREATE INDEX "IX_ScrubRules_PayerId" ON "ScrubRules" ("PayerId");

CREATE UNIQUE INDEX "IX_SuperbillItems_AppointmentTypeId_ProcedureCode_Modifier" ON "SuperbillItems" ("AppointmentTypeId", "ProcedureCode", "Modifier");
