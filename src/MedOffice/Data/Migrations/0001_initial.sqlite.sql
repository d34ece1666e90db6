-- 0001: the office's first schema: users and roles, audit trail, practice (organization, locations, providers, rooms, payers), patients and coverages.
-- Money is TEXT in SQLite (EF's exact decimal); its checks CAST to NUMERIC so '-5' is not compared as text.
CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
    "OccurredAt" TEXT NOT NULL,
    "UserId" INTEGER NULL,
    "UserName" TEXT NOT NULL,
    "PatientId" INTEGER NULL,
    "Action" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "SourceAddress" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Detail" TEXT NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "Organizations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "TaxId" TEXT NULL,
    "IdleTimeoutMinutes" INTEGER NOT NULL,
    CONSTRAINT "CK_Organizations_IdleTimeout" CHECK ("IdleTimeoutMinutes" BETWEEN 1 AND 480)
);

CREATE TABLE "Patients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Patients" PRIMARY KEY AUTOINCREMENT,
    "Mrn" TEXT NOT NULL,
    "LegalFirstName" TEXT NOT NULL,
    "LegalMiddleName" TEXT NULL,
    "LegalLastName" TEXT NOT NULL,
    "Suffix" TEXT NULL,
    "PreferredName" TEXT NULL,
    "DateOfBirth" TEXT NOT NULL,
    "SexAtBirth" TEXT NOT NULL,
    "GenderIdentity" TEXT NULL,
    "AddressLine1" TEXT NULL,
    "AddressLine2" TEXT NULL,
    "City" TEXT NULL,
    "State" TEXT NULL,
    "PostalCode" TEXT NULL,
    "MobilePhone" TEXT NULL,
    "HomePhone" TEXT NULL,
    "WorkPhone" TEXT NULL,
    "Email" TEXT NULL,
    "PreferredLanguage" TEXT NOT NULL,
    "PreferredContactChannel" TEXT NOT NULL,
    "AllowsSms" INTEGER NOT NULL,
    "AllowsEmail" INTEGER NOT NULL,
    "AllowsVoicemail" INTEGER NOT NULL,
    "EmergencyContactName" TEXT NULL,
    "EmergencyContactRelationship" TEXT NULL,
    "EmergencyContactPhone" TEXT NULL,
    "GuarantorRelationship" TEXT NOT NULL,
    "GuarantorName" TEXT NULL,
    "GuarantorDateOfBirth" TEXT NULL,
    "GuarantorPhone" TEXT NULL,
    "GuarantorAddress" TEXT NULL,
    "Status" TEXT NOT NULL,
    "DeceasedOn" TEXT NULL,
    "MergedIntoPatientId" INTEGER NULL,
    "LastNameKey" TEXT NOT NULL,
    "FirstNameKey" TEXT NOT NULL,
    "LastNameSound" TEXT NOT NULL,
    "FirstNameSound" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "CK_Patients_Mrn" CHECK (length("Mrn") = 8),
    CONSTRAINT "CK_Patients_SexAtBirth" CHECK ("SexAtBirth" IN ('F','M','U')),
    CONSTRAINT "CK_Patients_Status" CHECK ("Status" IN ('Active','Inactive','Deceased')),
    CONSTRAINT "FK_Patients_Patients_MergedIntoPatientId" FOREIGN KEY ("MergedIntoPatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Payers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Payers" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "PayerIdentifier" TEXT NOT NULL,
    "RequiresMemberId" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL
);

CREATE TABLE "Users" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY AUTOINCREMENT,
    "UserName" TEXT NOT NULL,
    "NormalizedUserName" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "SecurityStamp" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "FailedSignInCount" INTEGER NOT NULL,
    "LockedOutUntil" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "Locations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Locations" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "AddressLine1" TEXT NOT NULL,
    "City" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "PostalCode" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "PlaceOfServiceCode" TEXT NOT NULL,
    CONSTRAINT "FK_Locations_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Providers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Providers" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "FirstName" TEXT NOT NULL,
    "LastName" TEXT NOT NULL,
    "Credentials" TEXT NULL,
    "Npi" TEXT NOT NULL,
    "TaxonomyCode" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_Providers_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "StoredFiles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StoredFiles" PRIMARY KEY AUTOINCREMENT,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Length" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "RelativePath" TEXT NOT NULL,
    "PatientId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_StoredFiles_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "UserRoles" (
    "UserId" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    CONSTRAINT "PK_UserRoles" PRIMARY KEY ("UserId", "Role"),
    CONSTRAINT "CK_UserRoles_Role" CHECK ("Role" IN ('FrontDesk','Clinician','Biller','OfficeManager','Administrator')),
    CONSTRAINT "FK_UserRoles_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Rooms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Rooms" PRIMARY KEY AUTOINCREMENT,
    "LocationId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_Rooms_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Coverages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Coverages" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "PayerId" INTEGER NOT NULL,
    "PlanName" TEXT NULL,
    "MemberId" TEXT NULL,
    "MemberIdKey" TEXT NULL,
    "GroupNumber" TEXT NULL,
    "Priority" INTEGER NOT NULL,
    "SubscriberRelationship" TEXT NOT NULL,
    "SubscriberFirstName" TEXT NOT NULL,
    "SubscriberLastName" TEXT NOT NULL,
    "SubscriberDateOfBirth" TEXT NOT NULL,
    "SubscriberSex" TEXT NOT NULL,
    "EffectiveOn" TEXT NOT NULL,
    "EndsOn" TEXT NULL,
    "Copay" TEXT NULL,
    "CardFrontFileId" INTEGER NULL,
    "CardBackFileId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "CK_Coverages_Copay" CHECK ("Copay" IS NULL OR CAST("Copay" AS NUMERIC) >= 0),
    CONSTRAINT "CK_Coverages_Dates" CHECK ("EndsOn" IS NULL OR "EndsOn" >= "EffectiveOn"),
    CONSTRAINT "CK_Coverages_Priority" CHECK ("Priority" BETWEEN 1 AND 3),
    CONSTRAINT "FK_Coverages_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Coverages_Payers_PayerId" FOREIGN KEY ("PayerId") REFERENCES "Payers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Coverages_StoredFiles_CardBackFileId" FOREIGN KEY ("CardBackFileId") REFERENCES "StoredFiles" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Coverages_StoredFiles_CardFrontFileId" FOREIGN KEY ("CardFrontFileId") REFERENCES "StoredFiles" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_AuditEvents_OccurredAt" ON "AuditEvents" ("OccurredAt");

CREATE INDEX "IX_AuditEvents_PatientId_OccurredAt" ON "AuditEvents" ("PatientId", "OccurredAt");

CREATE INDEX "IX_AuditEvents_UserId_OccurredAt" ON "AuditEvents" ("UserId", "OccurredAt");

CREATE INDEX "IX_Coverages_CardBackFileId" ON "Coverages" ("CardBackFileId");

CREATE INDEX "IX_Coverages_CardFrontFileId" ON "Coverages" ("CardFrontFileId");

CREATE INDEX "IX_Coverages_MemberIdKey" ON "Coverages" ("MemberIdKey");

CREATE INDEX "IX_Coverages_PatientId" ON "Coverages" ("PatientId");

CREATE INDEX "IX_Coverages_PayerId" ON "Coverages" ("PayerId");

CREATE INDEX "IX_Locations_OrganizationId" ON "Locations" ("OrganizationId");

CREATE INDEX "IX_Patients_DateOfBirth" ON "Patients" ("DateOfBirth");

CREATE INDEX "IX_Patients_FirstNameKey_LastNameKey" ON "Patients" ("FirstNameKey", "LastNameKey");

CREATE INDEX "IX_Patients_FirstNameSound_LastNameSound" ON "Patients" ("FirstNameSound", "LastNameSound");

CREATE INDEX "IX_Patients_HomePhone" ON "Patients" ("HomePhone");

CREATE INDEX "IX_Patients_LastNameKey_FirstNameKey" ON "Patients" ("LastNameKey", "FirstNameKey");

CREATE INDEX "IX_Patients_LastNameSound_FirstNameSound" ON "Patients" ("LastNameSound", "FirstNameSound");

CREATE INDEX "IX_Patients_MergedIntoPatientId" ON "Patients" ("MergedIntoPatientId");

CREATE INDEX "IX_Patients_MobilePhone" ON "Patients" ("MobilePhone");

CREATE UNIQUE INDEX "IX_Patients_Mrn" ON "Patients" ("Mrn");

CREATE INDEX "IX_Patients_WorkPhone" ON "Patients" ("WorkPhone");

CREATE UNIQUE INDEX "IX_Payers_PayerIdentifier" ON "Payers" ("PayerIdentifier");

CREATE UNIQUE INDEX "IX_Providers_Npi" ON "Providers" ("Npi");

CREATE INDEX "IX_Providers_OrganizationId" ON "Providers" ("OrganizationId");

CREATE INDEX "IX_Rooms_LocationId" ON "Rooms" ("LocationId");

CREATE INDEX "IX_StoredFiles_PatientId" ON "StoredFiles" ("PatientId");

CREATE UNIQUE INDEX "IX_Users_NormalizedUserName" ON "Users" ("NormalizedUserName");

