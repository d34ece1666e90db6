-- 0005: recurring series and the waitlist. Each occurrence of a series is a real row in "Appointments" carrying its
-- "SeriesId" (column and index made in 0004). There is no foreign key from Appointments.SeriesId to
-- "AppointmentSeries": SQLite cannot add one to an existing table without rebuilding it, and both providers keep the
-- same schema, so the link is kept by SeriesService, which writes the series row and its occurrences in one transaction.
CREATE TABLE "AppointmentSeries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AppointmentSeries" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "LocationId" INTEGER NOT NULL,
    "AppointmentTypeId" INTEGER NOT NULL,
    "ProviderResourceId" INTEGER NULL,
    "Frequency" TEXT NOT NULL,
    "Interval" INTEGER NOT NULL,
    "Weekdays" TEXT NOT NULL,
    "LocalStartTime" TEXT NOT NULL,
    "FirstDate" TEXT NOT NULL,
    "UntilDate" TEXT NULL,
    "Count" INTEGER NULL,
    "Note" TEXT NULL,
    "ContinuesSeriesId" INTEGER NULL,
    "CancelledAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "CK_AppointmentSeries_Count" CHECK ("Count" IS NULL OR "Count" BETWEEN 1 AND 200),
    CONSTRAINT "CK_AppointmentSeries_End" CHECK ("UntilDate" IS NOT NULL OR "Count" IS NOT NULL),
    CONSTRAINT "CK_AppointmentSeries_Frequency" CHECK ("Frequency" IN ('Daily','Weekly','MonthlyByDate')),
    CONSTRAINT "CK_AppointmentSeries_Interval" CHECK ("Interval" BETWEEN 1 AND 52),
    CONSTRAINT "FK_AppointmentSeries_AppointmentSeries_ContinuesSeriesId" FOREIGN KEY ("ContinuesSeriesId") REFERENCES "AppointmentSeries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AppointmentSeries_AppointmentTypes_AppointmentTypeId" FOREIGN KEY ("AppointmentTypeId") REFERENCES "AppointmentTypes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AppointmentSeries_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AppointmentSeries_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AppointmentSeries_SchedulableResources_ProviderResourceId" FOREIGN KEY ("ProviderResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "WaitlistEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WaitlistEntries" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "AppointmentTypeId" INTEGER NOT NULL,
    "LocationId" INTEGER NOT NULL,
    "ProviderResourceId" INTEGER NULL,
    "EarliestDate" TEXT NOT NULL,
    "LatestDate" TEXT NULL,
    "PartOfDay" TEXT NOT NULL,
    "Note" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "OfferedStartsAt" TEXT NULL,
    "OfferedAt" TEXT NULL,
    "OfferedBy" TEXT NULL,
    "BookedAppointmentId" INTEGER NULL,
    "ClosedAt" TEXT NULL,
    CONSTRAINT "CK_WaitlistEntries_PartOfDay" CHECK ("PartOfDay" IN ('Any','Morning','Afternoon')),
    CONSTRAINT "CK_WaitlistEntries_Status" CHECK ("Status" IN ('Waiting','Offered','Booked','Removed')),
    CONSTRAINT "CK_WaitlistEntries_Window" CHECK ("LatestDate" IS NULL OR "LatestDate" >= "EarliestDate"),
    CONSTRAINT "FK_WaitlistEntries_AppointmentTypes_AppointmentTypeId" FOREIGN KEY ("AppointmentTypeId") REFERENCES "AppointmentTypes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WaitlistEntries_Appointments_BookedAppointmentId" FOREIGN KEY ("BookedAppointmentId") REFERENCES "Appointments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WaitlistEntries_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WaitlistEntries_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WaitlistEntries_SchedulableResources_ProviderResourceId" FOREIGN KEY ("ProviderResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_AppointmentSeries_AppointmentTypeId" ON "AppointmentSeries" ("AppointmentTypeId");

CREATE INDEX "IX_AppointmentSeries_ContinuesSeriesId" ON "AppointmentSeries" ("ContinuesSeriesId");

CREATE INDEX "IX_AppointmentSeries_LocationId" ON "AppointmentSeries" ("LocationId");

CREATE INDEX "IX_AppointmentSeries_PatientId_FirstDate" ON "AppointmentSeries" ("PatientId", "FirstDate");

CREATE INDEX "IX_AppointmentSeries_ProviderResourceId" ON "AppointmentSeries" ("ProviderResourceId");

CREATE INDEX "IX_WaitlistEntries_AppointmentTypeId" ON "WaitlistEntries" ("AppointmentTypeId");

CREATE INDEX "IX_WaitlistEntries_BookedAppointmentId" ON "WaitlistEntries" ("BookedAppointmentId");

CREATE INDEX "IX_WaitlistEntries_LocationId_Status_EarliestDate" ON "WaitlistEntries" ("LocationId", "Status", "EarliestDate");

CREATE INDEX "IX_WaitlistEntries_PatientId" ON "WaitlistEntries" ("PatientId");

CREATE INDEX "IX_WaitlistEntries_ProviderResourceId" ON "WaitlistEntries" ("ProviderResourceId");
