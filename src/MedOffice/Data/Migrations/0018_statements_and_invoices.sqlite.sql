-- 0018: patient statements per guarantor account (runs, dunning, do-not-send) and third-party invoices (not on the patients' ledger).

CREATE TABLE "GuarantorAccounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_GuarantorAccounts" PRIMARY KEY AUTOINCREMENT,
    "GuarantorKey" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "DoNotSend" INTEGER NOT NULL,
    "DoNotSendReason" TEXT NULL,
    "DoNotSendSetAt" TEXT NULL,
    "DoNotSendSetBy" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "CK_GuarantorAccounts_DoNotSendReason" CHECK (NOT "DoNotSend" OR "DoNotSendReason" IS NOT NULL)
);
CREATE UNIQUE INDEX "IX_GuarantorAccounts_GuarantorKey" ON "GuarantorAccounts" ("GuarantorKey");

CREATE TABLE "StatementSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StatementSettings" PRIMARY KEY,
    "Message" TEXT NOT NULL,
    "MinimumDue" TEXT NOT NULL,
    "ResendDays" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    CONSTRAINT "CK_StatementSettings_MinimumDue" CHECK (CAST("MinimumDue" AS NUMERIC) >= 0),
    CONSTRAINT "CK_StatementSettings_ResendDays" CHECK ("ResendDays" >= 0)
);

CREATE TABLE "StatementRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StatementRuns" PRIMARY KEY AUTOINCREMENT,
    "StatementDate" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IX_StatementRuns_StatementDate" ON "StatementRuns" ("StatementDate");

CREATE TABLE "Statements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Statements" PRIMARY KEY AUTOINCREMENT,
    "StatementRunId" INTEGER NOT NULL,
    "GuarantorAccountId" INTEGER NOT NULL,
    "StatementDate" TEXT NOT NULL,
    "AmountDue" TEXT NOT NULL,
    "WithInsurance" TEXT NOT NULL,
    "DunningCycle" INTEGER NOT NULL,
    "ContentJson" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "CK_Statements_AmountDue" CHECK (CAST("AmountDue" AS NUMERIC) > 0),
    CONSTRAINT "CK_Statements_DunningCycle" CHECK ("DunningCycle" BETWEEN 1 AND 4),
    CONSTRAINT "FK_Statements_GuarantorAccounts_GuarantorAccountId" FOREIGN KEY ("GuarantorAccountId") REFERENCES "GuarantorAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Statements_StatementRuns_StatementRunId" FOREIGN KEY ("StatementRunId") REFERENCES "StatementRuns" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_Statements_GuarantorAccountId_StatementDate" ON "Statements" ("GuarantorAccountId", "StatementDate");
CREATE INDEX "IX_Statements_StatementRunId" ON "Statements" ("StatementRunId");

CREATE TABLE "Invoices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Invoices" PRIMARY KEY AUTOINCREMENT,
    "BillToName" TEXT NOT NULL,
    "BillToAddress" TEXT NULL,
    "BillToContact" TEXT NULL,
    "IssuedOn" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Notes" TEXT NULL,
    "VoidReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "CK_Invoices_Status" CHECK ("Status" IN ('Open','Paid','Void')),
    CONSTRAINT "CK_Invoices_DueOn" CHECK ("DueOn" >= "IssuedOn")
);
CREATE INDEX "IX_Invoices_Status_DueOn" ON "Invoices" ("Status", "DueOn");

CREATE TABLE "InvoiceLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InvoiceLines" PRIMARY KEY AUTOINCREMENT,
    "InvoiceId" INTEGER NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Quantity" TEXT NOT NULL,
    "UnitPrice" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "PatientId" INTEGER NULL,
    "PatientConsent" TEXT NULL,
    CONSTRAINT "CK_InvoiceLines_Quantity" CHECK (CAST("Quantity" AS NUMERIC) > 0),
    CONSTRAINT "CK_InvoiceLines_UnitPrice" CHECK (CAST("UnitPrice" AS NUMERIC) >= 0),
    CONSTRAINT "CK_InvoiceLines_Consent" CHECK ("PatientId" IS NULL OR "PatientConsent" IS NOT NULL),
    CONSTRAINT "FK_InvoiceLines_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InvoiceLines_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_InvoiceLines_InvoiceId_LineNumber" ON "InvoiceLines" ("InvoiceId", "LineNumber");
CREATE INDEX "IX_InvoiceLines_PatientId" ON "InvoiceLines" ("PatientId");

CREATE TABLE "InvoicePayments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InvoicePayments" PRIMARY KEY AUTOINCREMENT,
    "InvoiceId" INTEGER NOT NULL,
    "ReceivedOn" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Reference" TEXT NULL,
    "RecordedAt" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "CK_InvoicePayments_Amount" CHECK (CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "CK_InvoicePayments_Method" CHECK ("Method" IN ('Check','ACH','Cash','Card','Other')),
    CONSTRAINT "FK_InvoicePayments_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_InvoicePayments_InvoiceId" ON "InvoicePayments" ("InvoiceId");
