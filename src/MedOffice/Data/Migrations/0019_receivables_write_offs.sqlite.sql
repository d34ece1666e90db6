-- 0019: write-off requests (asked by the billing office, approved or rejected by an office manager) and collections referrals;
-- a WriteOff ledger entry names the request it was posted for.

CREATE TABLE "CollectionsReferrals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CollectionsReferrals" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "AgencyName" TEXT NOT NULL,
    "ReferredOn" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "ReferredByUserId" INTEGER NULL,
    "ReferredBy" TEXT NOT NULL,
    "ReferredAt" TEXT NOT NULL,
    CONSTRAINT "CK_CollectionsReferrals_Amount" CHECK (CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "FK_CollectionsReferrals_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "WriteOffRequests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WriteOffRequests" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "ChargeSheetId" INTEGER NOT NULL,
    "ChargeLineId" INTEGER NULL,
    "Side" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ReasonText" TEXT NULL,
    "Status" TEXT NOT NULL,
    "RequestedByUserId" INTEGER NULL,
    "RequestedBy" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "DecidedByUserId" INTEGER NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "DecisionNote" TEXT NULL,
    "CollectionsReferralId" INTEGER NULL,
    CONSTRAINT "CK_WriteOffRequests_Amount" CHECK (CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "CK_WriteOffRequests_Reason" CHECK ("Reason" IN ('SmallBalance','BadDebt','Courtesy','TimelyFiling','NonCovered','Other')),
    CONSTRAINT "CK_WriteOffRequests_Side" CHECK ("Side" IN ('Insurance','Patient')),
    CONSTRAINT "CK_WriteOffRequests_Status" CHECK ("Status" IN ('Pending','Approved','Rejected')),
    CONSTRAINT "FK_WriteOffRequests_ChargeLines_ChargeLineId" FOREIGN KEY ("ChargeLineId") REFERENCES "ChargeLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WriteOffRequests_ChargeSheets_ChargeSheetId" FOREIGN KEY ("ChargeSheetId") REFERENCES "ChargeSheets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WriteOffRequests_CollectionsReferrals_CollectionsReferralId" FOREIGN KEY ("CollectionsReferralId") REFERENCES "CollectionsReferrals" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WriteOffRequests_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_CollectionsReferrals_PatientId" ON "CollectionsReferrals" ("PatientId");

CREATE INDEX "IX_WriteOffRequests_ChargeLineId" ON "WriteOffRequests" ("ChargeLineId");

CREATE INDEX "IX_WriteOffRequests_ChargeSheetId" ON "WriteOffRequests" ("ChargeSheetId");

CREATE INDEX "IX_WriteOffRequests_CollectionsReferralId" ON "WriteOffRequests" ("CollectionsReferralId");

CREATE INDEX "IX_WriteOffRequests_PatientId" ON "WriteOffRequests" ("PatientId");

CREATE INDEX "IX_WriteOffRequests_Status_RequestedAt" ON "WriteOffRequests" ("Status", "RequestedAt");

-- Adding a nullable column is a schema change, not an UPDATE: the append-only triggers do not fire.
ALTER TABLE "LedgerEntries" ADD COLUMN "WriteOffRequestId" INTEGER NULL REFERENCES "WriteOffRequests" ("Id");

CREATE INDEX "IX_LedgerEntries_WriteOffRequestId" ON "LedgerEntries" ("WriteOffRequestId");
