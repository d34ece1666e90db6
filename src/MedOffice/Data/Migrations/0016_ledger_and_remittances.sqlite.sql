-- 0016: the patients' ledger (append-only entries; balances are sums) and imported 835 remittances with what posting made of them.

CREATE TABLE "Remittances" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Remittances" PRIMARY KEY AUTOINCREMENT,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "PayerName" TEXT NOT NULL,
    "PayerIdentifier" TEXT NULL,
    "TraceNumber" TEXT NOT NULL,
    "PaymentMethod" TEXT NOT NULL,
    "PaymentAmount" TEXT NOT NULL,
    "PaymentDate" TEXT NULL,
    "ProviderAdjustmentTotal" TEXT NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "ImportedBy" TEXT NOT NULL
);

CREATE TABLE "RemittanceProviderAdjustments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RemittanceProviderAdjustments" PRIMARY KEY AUTOINCREMENT,
    "RemittanceId" INTEGER NOT NULL,
    "ProviderIdentifier" TEXT NOT NULL,
    "ReasonCode" TEXT NOT NULL,
    "Reference" TEXT NULL,
    "Amount" TEXT NOT NULL,
    CONSTRAINT "CK_RemittanceProviderAdjustments_Amount" CHECK (CAST("Amount" AS NUMERIC) <> 0),
    CONSTRAINT "FK_RemittanceProviderAdjustments_Remittances_RemittanceId" FOREIGN KEY ("RemittanceId") REFERENCES "Remittances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RemittedClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RemittedClaims" PRIMARY KEY AUTOINCREMENT,
    "RemittanceId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "PatientControlNumber" TEXT NOT NULL,
    "ClaimId" INTEGER NULL,
    "StatusCode" TEXT NOT NULL,
    "ChargeAmount" TEXT NOT NULL,
    "PaidAmount" TEXT NOT NULL,
    "PatientResponsibility" TEXT NOT NULL,
    "PayerClaimNumber" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "PostingKey" TEXT NULL,
    CONSTRAINT "CK_RemittedClaims_Outcome" CHECK ("Outcome" IN ('Posted','Reversed','Unmatched')),
    CONSTRAINT "FK_RemittedClaims_Claims_ClaimId" FOREIGN KEY ("ClaimId") REFERENCES "Claims" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RemittedClaims_Remittances_RemittanceId" FOREIGN KEY ("RemittanceId") REFERENCES "Remittances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RemittedLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RemittedLines" PRIMARY KEY AUTOINCREMENT,
    "RemittedClaimId" INTEGER NOT NULL,
    "ClaimLineId" INTEGER NULL,
    "Procedure" TEXT NOT NULL,
    "ChargeAmount" TEXT NOT NULL,
    "PaidAmount" TEXT NOT NULL,
    "AllowedAmount" TEXT NULL,
    "Adjustments" TEXT NOT NULL,
    "RemarkCodes" TEXT NOT NULL,
    CONSTRAINT "FK_RemittedLines_ClaimLines_ClaimLineId" FOREIGN KEY ("ClaimLineId") REFERENCES "ClaimLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RemittedLines_RemittedClaims_RemittedClaimId" FOREIGN KEY ("RemittedClaimId") REFERENCES "RemittedClaims" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LedgerEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LedgerEntries" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "ChargeLineId" INTEGER NULL,
    "ClaimId" INTEGER NULL,
    "PayerId" INTEGER NULL,
    "Kind" TEXT NOT NULL,
    "Side" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "GroupCode" TEXT NULL,
    "ReasonCode" TEXT NULL,
    "RemittanceId" INTEGER NULL,
    "ReversesEntryId" INTEGER NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "PostedAt" TEXT NOT NULL,
    "PostedBy" TEXT NOT NULL,
    CONSTRAINT "CK_LedgerEntries_Amount" CHECK (CAST("Amount" AS NUMERIC) <> 0),
    CONSTRAINT "CK_LedgerEntries_ChargePositive" CHECK ("Kind" <> 'Charge' OR CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "CK_LedgerEntries_Kind" CHECK ("Kind" IN ('Charge','InsurancePayment','ContractualAdjustment','OtherAdjustment','TransferToPatient','Reversal','PatientPayment','CreditApplication','Refund','WriteOff')),
    CONSTRAINT "CK_LedgerEntries_Reversal" CHECK (("Kind" = 'Reversal') = ("ReversesEntryId" IS NOT NULL)),
    CONSTRAINT "CK_LedgerEntries_Side" CHECK ("Side" IN ('Insurance','Patient')),
    CONSTRAINT "FK_LedgerEntries_ChargeLines_ChargeLineId" FOREIGN KEY ("ChargeLineId") REFERENCES "ChargeLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_Claims_ClaimId" FOREIGN KEY ("ClaimId") REFERENCES "Claims" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_LedgerEntries_ReversesEntryId" FOREIGN KEY ("ReversesEntryId") REFERENCES "LedgerEntries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_Payers_PayerId" FOREIGN KEY ("PayerId") REFERENCES "Payers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_Remittances_RemittanceId" FOREIGN KEY ("RemittanceId") REFERENCES "Remittances" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Remittances_ImportedAt" ON "Remittances" ("ImportedAt");

CREATE UNIQUE INDEX "IX_Remittances_Sha256_Sequence" ON "Remittances" ("Sha256", "Sequence");

CREATE INDEX "IX_RemittanceProviderAdjustments_RemittanceId" ON "RemittanceProviderAdjustments" ("RemittanceId");

CREATE INDEX "IX_RemittedClaims_ClaimId" ON "RemittedClaims" ("ClaimId");

CREATE UNIQUE INDEX "IX_RemittedClaims_PostingKey" ON "RemittedClaims" ("PostingKey");

CREATE UNIQUE INDEX "IX_RemittedClaims_RemittanceId_Position" ON "RemittedClaims" ("RemittanceId", "Position");

CREATE INDEX "IX_RemittedLines_ClaimLineId" ON "RemittedLines" ("ClaimLineId");

CREATE INDEX "IX_RemittedLines_RemittedClaimId" ON "RemittedLines" ("RemittedClaimId");

CREATE INDEX "IX_LedgerEntries_ChargeLineId" ON "LedgerEntries" ("ChargeLineId");

CREATE INDEX "IX_LedgerEntries_ClaimId" ON "LedgerEntries" ("ClaimId");

CREATE UNIQUE INDEX "IX_LedgerEntries_IdempotencyKey" ON "LedgerEntries" ("IdempotencyKey");

CREATE INDEX "IX_LedgerEntries_PatientId_ChargeLineId" ON "LedgerEntries" ("PatientId", "ChargeLineId");

CREATE INDEX "IX_LedgerEntries_PayerId" ON "LedgerEntries" ("PayerId");

CREATE INDEX "IX_LedgerEntries_RemittanceId" ON "LedgerEntries" ("RemittanceId");

CREATE UNIQUE INDEX "IX_LedgerEntries_ReversesEntryId" ON "LedgerEntries" ("ReversesEntryId");

-- Ledger entries are never changed or removed: a correction is a new entry (a reversal).
CREATE TRIGGER "TR_LedgerEntries_NoUpdate" BEFORE UPDATE ON "LedgerEntries"
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;

CREATE TRIGGER "TR_LedgerEntries_NoDelete" BEFORE DELETE ON "LedgerEntries"
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
