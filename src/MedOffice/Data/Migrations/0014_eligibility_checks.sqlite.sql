-- 0014: eligibility questions (270) and their answers (271) in plain words; one row per nightly run, claimed before it runs.

CREATE TABLE "EligibilityRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EligibilityRuns" PRIMARY KEY AUTOINCREMENT,
    "ForDate" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "StartedBy" TEXT NOT NULL,
    "CheckCount" INTEGER NOT NULL,
    "Summary" TEXT NOT NULL
);

CREATE TABLE "EligibilityChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EligibilityChecks" PRIMARY KEY AUTOINCREMENT,
    "CoverageId" INTEGER NOT NULL,
    "PatientId" INTEGER NOT NULL,
    "PayerId" INTEGER NOT NULL,
    "ServiceDate" TEXT NOT NULL,
    "TraceNumber" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "RequestedBy" TEXT NOT NULL,
    "RequestFile" TEXT NOT NULL,
    "InterchangeControlNumber" INTEGER NOT NULL,
    "AnsweredAt" TEXT NULL,
    "ResponseSha256" TEXT NULL,
    "IsActive" INTEGER NULL,
    "PlanName" TEXT NULL,
    "PlanBegin" TEXT NULL,
    "PlanEnd" TEXT NULL,
    "OfficeVisitCopay" TEXT NULL,
    "Deductible" TEXT NULL,
    "DeductibleRemaining" TEXT NULL,
    "OutOfPocketRemaining" TEXT NULL,
    "CoinsurancePercent" TEXT NULL,
    "Reason" TEXT NULL,
    "BenefitsJson" TEXT NULL,
    CONSTRAINT "CK_EligibilityChecks_Amounts" CHECK (("OfficeVisitCopay" IS NULL OR CAST("OfficeVisitCopay" AS NUMERIC) >= 0) AND ("Deductible" IS NULL OR CAST("Deductible" AS NUMERIC) >= 0) AND ("DeductibleRemaining" IS NULL OR CAST("DeductibleRemaining" AS NUMERIC) >= 0) AND ("OutOfPocketRemaining" IS NULL OR CAST("OutOfPocketRemaining" AS NUMERIC) >= 0) AND ("CoinsurancePercent" IS NULL OR CAST("CoinsurancePercent" AS NUMERIC) BETWEEN 0 AND 100)),
    CONSTRAINT "CK_EligibilityChecks_Status" CHECK ("Status" IN ('Requested', 'Answered', 'Rejected', 'Failed')),
    CONSTRAINT "FK_EligibilityChecks_Coverages_CoverageId" FOREIGN KEY ("CoverageId") REFERENCES "Coverages" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EligibilityChecks_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_EligibilityChecks_Payers_PayerId" FOREIGN KEY ("PayerId") REFERENCES "Payers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_EligibilityChecks_CoverageId_RequestedAt" ON "EligibilityChecks" ("CoverageId", "RequestedAt");

CREATE INDEX "IX_EligibilityChecks_PatientId_RequestedAt" ON "EligibilityChecks" ("PatientId", "RequestedAt");

CREATE INDEX "IX_EligibilityChecks_PayerId" ON "EligibilityChecks" ("PayerId");

CREATE INDEX "IX_EligibilityChecks_RequestedAt" ON "EligibilityChecks" ("RequestedAt");

CREATE UNIQUE INDEX "IX_EligibilityChecks_TraceNumber" ON "EligibilityChecks" ("TraceNumber");

CREATE UNIQUE INDEX "IX_EligibilityRuns_ForDate" ON "EligibilityRuns" ("ForDate");

