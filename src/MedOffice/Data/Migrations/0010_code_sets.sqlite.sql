-- Code sets: ICD-10-CM by fiscal year, HCPCS and the office's CPT, modifiers, Place of Service, favourites, import log.

CREATE TABLE "BillingCodes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BillingCodes" PRIMARY KEY AUTOINCREMENT,
    "CodeSystem" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "ShortDescription" TEXT NOT NULL,
    "LongDescription" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "BillingModifiers" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_BillingModifiers" PRIMARY KEY,
    "Description" TEXT NOT NULL,
    "Source" TEXT NOT NULL
);

CREATE TABLE "CodeSetImports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CodeSetImports" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Version" INTEGER NULL,
    "FileName" TEXT NOT NULL,
    "Rows" INTEGER NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "ImportedBy" TEXT NOT NULL
);

CREATE TABLE "DiagnosisCodes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DiagnosisCodes" PRIMARY KEY AUTOINCREMENT,
    "FiscalYear" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "IsBillable" INTEGER NOT NULL,
    "ShortDescription" TEXT NOT NULL,
    "LongDescription" TEXT NOT NULL
);

CREATE TABLE "PlacesOfService" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_PlacesOfService" PRIMARY KEY,
    "Name" TEXT NOT NULL
);

CREATE TABLE "CodeFavorites" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CodeFavorites" PRIMARY KEY AUTOINCREMENT,
    "ProviderId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    CONSTRAINT "FK_CodeFavorites_Providers_ProviderId" FOREIGN KEY ("ProviderId") REFERENCES "Providers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_BillingCodes_Code" ON "BillingCodes" ("Code");

CREATE UNIQUE INDEX "IX_CodeFavorites_ProviderId_Kind_Code" ON "CodeFavorites" ("ProviderId", "Kind", "Code");

CREATE UNIQUE INDEX "IX_DiagnosisCodes_FiscalYear_Code" ON "DiagnosisCodes" ("FiscalYear", "Code");

-- CMS Place of Service codes (public domain); the office can load a newer list under Coding.
INSERT INTO "PlacesOfService" ("Code", "Name") VALUES
    ('01', 'Pharmacy'),
    ('02', 'Telehealth provided other than in patient''s home'),
    ('03', 'School'),
    ('04', 'Homeless shelter'),
    ('05', 'Indian Health Service free-standing facility'),
    ('06', 'Indian Health Service provider-based facility'),
    ('07', 'Tribal 638 free-standing facility'),
    ('08', 'Tribal 638 provider-based facility'),
    ('09', 'Prison/correctional facility'),
    ('10', 'Telehealth provided in patient''s home'),
    ('11', 'Office'),
    ('12', 'Home'),
    ('13', 'Assisted living facility'),
    ('14', 'Group home'),
    ('15', 'Mobile unit'),
    ('16', 'Temporary lodging'),
    ('17', 'Walk-in retail health clinic'),
    ('18', 'Place of employment-worksite'),
    ('19', 'Off campus-outpatient hospital'),
    ('20', 'Urgent care facility'),
    ('21', 'Inpatient hospital'),
    ('22', 'On campus-outpatient hospital'),
    ('23', 'Emergency room - hospital'),
    ('24', 'Ambulatory surgical center'),
    ('25', 'Birthing center'),
    ('26', 'Military treatment facility'),
    ('27', 'Outreach site/street'),
    ('31', 'Skilled nursing facility'),
    ('32', 'Nursing facility'),
    ('33', 'Custodial care facility'),
    ('34', 'Hospice'),
    ('41', 'Ambulance - land'),
    ('42', 'Ambulance - air or water'),
    ('49', 'Independent clinic'),
    ('50', 'Federally qualified health center'),
    ('51', 'Inpatient psychiatric facility'),
    ('52', 'Psychiatric facility-partial hospitalization'),
    ('53', 'Community mental health center'),
    ('54', 'Intermediate care facility/individuals with intellectual disabilities'),
    ('55', 'Residential substance abuse treatment facility'),
    ('56', 'Psychiatric residential treatment center'),
    ('57', 'Non-residential substance abuse treatment facility'),
    ('58', 'Non-residential opioid treatment facility'),
    ('60', 'Mass immunization center'),
    ('61', 'Comprehensive inpatient rehabilitation facility'),
    ('62', 'Comprehensive outpatient rehabilitation facility'),
    ('65', 'End-stage renal disease treatment facility'),
    ('66', 'Programs of All-Inclusive Care for the Elderly (PACE) center'),
    ('71', 'Public health clinic'),
    ('72', 'Rural health clinic'),
    ('81', 'Independent laboratory'),
    ('99', 'Other place of service');
