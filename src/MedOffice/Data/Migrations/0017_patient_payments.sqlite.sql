-- 0017: money the patient hands over (payments with receipt numbers and idempotency keys), refunds of unapplied credit,
-- payment plans, and closed days (deposits). Ledger entries name the payment they spend.

CREATE TABLE "Deposits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Deposits" PRIMARY KEY AUTOINCREMENT,
    "LocationId" INTEGER NOT NULL,
    "BusinessDate" TEXT NOT NULL,
    "SlipNumber" TEXT NOT NULL,
    "DepositedAmount" TEXT NOT NULL,
    "ExpectedAmount" TEXT NOT NULL,
    "ClosedAt" TEXT NOT NULL,
    "ClosedBy" TEXT NOT NULL,
    CONSTRAINT "FK_Deposits_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Payments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "LocationId" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Reference" TEXT NULL,
    "Context" TEXT NOT NULL,
    "AppointmentId" INTEGER NULL,
    "ReceivedAt" TEXT NOT NULL,
    "BusinessDate" TEXT NOT NULL,
    "ReceivedBy" TEXT NOT NULL,
    "ReceiptNumber" INTEGER NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "DepositId" INTEGER NULL,
    CONSTRAINT "CK_Payments_Amount" CHECK (CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "CK_Payments_Context" CHECK ("Context" IN ('CheckIn','CheckOut','Mail','Phone')),
    CONSTRAINT "CK_Payments_Method" CHECK ("Method" IN ('Cash','Check','Card','Other')),
    CONSTRAINT "FK_Payments_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Deposits_DepositId" FOREIGN KEY ("DepositId") REFERENCES "Deposits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Refunds" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Refunds" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "LocationId" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Reference" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "RefundedAt" TEXT NOT NULL,
    "BusinessDate" TEXT NOT NULL,
    "RefundedBy" TEXT NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "DepositId" INTEGER NULL,
    CONSTRAINT "CK_Refunds_Amount" CHECK (CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "CK_Refunds_Method" CHECK ("Method" IN ('Cash','Check','Card','Other')),
    CONSTRAINT "FK_Refunds_Deposits_DepositId" FOREIGN KEY ("DepositId") REFERENCES "Deposits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Refunds_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Refunds_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PaymentPlans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PaymentPlans" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    "Interval" TEXT NOT NULL,
    "FirstDueOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CancelledAt" TEXT NULL,
    "CancelledBy" TEXT NULL,
    CONSTRAINT "CK_PaymentPlans_Amount" CHECK (CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "CK_PaymentPlans_Status" CHECK ("Status" IN ('Active','Cancelled')),
    CONSTRAINT "FK_PaymentPlans_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PaymentPlanInstallments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PaymentPlanInstallments" PRIMARY KEY AUTOINCREMENT,
    "PaymentPlanId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    CONSTRAINT "CK_PaymentPlanInstallments_Amount" CHECK (CAST("Amount" AS NUMERIC) > 0),
    CONSTRAINT "FK_PaymentPlanInstallments_PaymentPlans_PaymentPlanId" FOREIGN KEY ("PaymentPlanId") REFERENCES "PaymentPlans" ("Id") ON DELETE CASCADE
);

ALTER TABLE "LedgerEntries" ADD COLUMN "PaymentId" INTEGER NULL REFERENCES "Payments" ("Id");

CREATE UNIQUE INDEX "IX_Deposits_LocationId_BusinessDate" ON "Deposits" ("LocationId", "BusinessDate");

CREATE INDEX "IX_Payments_AppointmentId" ON "Payments" ("AppointmentId");

CREATE INDEX "IX_Payments_DepositId" ON "Payments" ("DepositId");

CREATE UNIQUE INDEX "IX_Payments_IdempotencyKey" ON "Payments" ("IdempotencyKey");

CREATE INDEX "IX_Payments_LocationId_BusinessDate" ON "Payments" ("LocationId", "BusinessDate");

CREATE INDEX "IX_Payments_PatientId_ReceivedAt" ON "Payments" ("PatientId", "ReceivedAt");

CREATE UNIQUE INDEX "IX_Payments_ReceiptNumber" ON "Payments" ("ReceiptNumber");

CREATE INDEX "IX_Refunds_DepositId" ON "Refunds" ("DepositId");

CREATE UNIQUE INDEX "IX_Refunds_IdempotencyKey" ON "Refunds" ("IdempotencyKey");

CREATE INDEX "IX_Refunds_LocationId_BusinessDate" ON "Refunds" ("LocationId", "BusinessDate");

CREATE INDEX "IX_Refunds_PatientId" ON "Refunds" ("PatientId");

CREATE INDEX "IX_PaymentPlans_PatientId" ON "PaymentPlans" ("PatientId");

CREATE UNIQUE INDEX "IX_PaymentPlanInstallments_PaymentPlanId_Number" ON "PaymentPlanInstallments" ("PaymentPlanId", "Number");

CREATE INDEX "IX_LedgerEntries_PaymentId" ON "LedgerEntries" ("PaymentId");
