-- 0006: front desk. When each visit arrived, was roomed, saw the provider and left (waiting times are reported from
-- these), the copay noted and insurance flags raised at check-in, and consents signed or acknowledged at the desk.
CREATE TABLE "ConsentRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ConsentRecords" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "AppointmentId" INTEGER NULL,
    "Kind" TEXT NOT NULL,
    "SignedAt" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "CK_ConsentRecords_Kind" CHECK ("Kind" IN ('HipaaNotice','FinancialPolicy','Treatment')),
    CONSTRAINT "FK_ConsentRecords_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ConsentRecords_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "VisitLogs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_VisitLogs" PRIMARY KEY AUTOINCREMENT,
    "AppointmentId" INTEGER NOT NULL,
    "IsWalkIn" INTEGER NOT NULL,
    "ArrivedAt" TEXT NOT NULL,
    "CheckedInBy" TEXT NOT NULL,
    "DemographicsConfirmed" INTEGER NOT NULL,
    "InsuranceConfirmed" INTEGER NOT NULL,
    "InsuranceFlags" TEXT NOT NULL,
    "CopayDue" TEXT NULL,
    "RoomedAt" TEXT NULL,
    "RoomResourceId" INTEGER NULL,
    "ProviderInAt" TEXT NULL,
    "CheckedOutAt" TEXT NULL,
    CONSTRAINT "CK_VisitLogs_Copay" CHECK ("CopayDue" IS NULL OR "CopayDue" >= 0),
    CONSTRAINT "CK_VisitLogs_Order" CHECK (("RoomedAt" IS NULL OR "RoomedAt" >= "ArrivedAt") AND ("CheckedOutAt" IS NULL OR "CheckedOutAt" >= "ArrivedAt")),
    CONSTRAINT "FK_VisitLogs_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_VisitLogs_SchedulableResources_RoomResourceId" FOREIGN KEY ("RoomResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ConsentRecords_AppointmentId" ON "ConsentRecords" ("AppointmentId");
CREATE INDEX "IX_ConsentRecords_PatientId_Kind_SignedAt" ON "ConsentRecords" ("PatientId", "Kind", "SignedAt");
CREATE UNIQUE INDEX "IX_VisitLogs_AppointmentId" ON "VisitLogs" ("AppointmentId");
CREATE INDEX "IX_VisitLogs_RoomResourceId" ON "VisitLogs" ("RoomResourceId");
