-- 0004: scheduling. Resources (providers, rooms, equipment) with working hours and blocks, appointment types and
-- what they need, appointments holding resource bookings, and each appointment's history.
CREATE TABLE "AppointmentTypes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AppointmentTypes" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "DurationMinutes" INTEGER NOT NULL,
    "Color" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "CK_AppointmentTypes_Duration" CHECK ("DurationMinutes" BETWEEN 5 AND 480)
);

CREATE TABLE "AppointmentTypeRequirements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AppointmentTypeRequirements" PRIMARY KEY AUTOINCREMENT,
    "AppointmentTypeId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Category" TEXT NULL,
    "OffsetMinutes" INTEGER NOT NULL,
    "DurationMinutes" INTEGER NULL,
    CONSTRAINT "FK_AppointmentTypeRequirements_AppointmentTypes_AppointmentTypeId" FOREIGN KEY ("AppointmentTypeId") REFERENCES "AppointmentTypes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Appointments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Appointments" PRIMARY KEY AUTOINCREMENT,
    "PatientId" INTEGER NOT NULL,
    "LocationId" INTEGER NOT NULL,
    "AppointmentTypeId" INTEGER NOT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "SeriesId" INTEGER NULL,
    "Note" TEXT NULL,
    "CancelReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "CK_Appointments_Order" CHECK ("EndsAt" > "StartsAt"),
    CONSTRAINT "CK_Appointments_Status" CHECK ("Status" IN ('Booked','Arrived','Roomed','CheckedOut','Cancelled','NoShow')),
    CONSTRAINT "FK_Appointments_AppointmentTypes_AppointmentTypeId" FOREIGN KEY ("AppointmentTypeId") REFERENCES "AppointmentTypes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appointments_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appointments_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AppointmentChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AppointmentChanges" PRIMARY KEY AUTOINCREMENT,
    "AppointmentId" INTEGER NOT NULL,
    "OccurredAt" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "Change" TEXT NOT NULL,
    "Detail" TEXT NOT NULL,
    CONSTRAINT "FK_AppointmentChanges_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SchedulableResources" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SchedulableResources" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Category" TEXT NULL,
    "LocationId" INTEGER NOT NULL,
    "ProviderId" INTEGER NULL,
    "RoomId" INTEGER NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "CK_SchedulableResources_Kind" CHECK ("Kind" IN ('Provider','Room','Equipment')),
    CONSTRAINT "FK_SchedulableResources_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SchedulableResources_Providers_ProviderId" FOREIGN KEY ("ProviderId") REFERENCES "Providers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SchedulableResources_Rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "Rooms" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ResourceBookings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ResourceBookings" PRIMARY KEY AUTOINCREMENT,
    "AppointmentId" INTEGER NOT NULL,
    "ResourceId" INTEGER NOT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "CK_ResourceBookings_Order" CHECK ("EndsAt" > "StartsAt"),
    CONSTRAINT "FK_ResourceBookings_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ResourceBookings_SchedulableResources_ResourceId" FOREIGN KEY ("ResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ScheduleBlocks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScheduleBlocks" PRIMARY KEY AUTOINCREMENT,
    "ResourceId" INTEGER NULL,
    "LocationId" INTEGER NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "CK_ScheduleBlocks_Order" CHECK ("EndsAt" > "StartsAt"),
    CONSTRAINT "CK_ScheduleBlocks_Target" CHECK ("ResourceId" IS NOT NULL OR "LocationId" IS NOT NULL),
    CONSTRAINT "FK_ScheduleBlocks_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ScheduleBlocks_SchedulableResources_ResourceId" FOREIGN KEY ("ResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorkingHours" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkingHours" PRIMARY KEY AUTOINCREMENT,
    "ResourceId" INTEGER NOT NULL,
    "LocationId" INTEGER NOT NULL,
    "DayOfWeek" INTEGER NOT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "EffectiveFrom" TEXT NULL,
    "EffectiveUntil" TEXT NULL,
    CONSTRAINT "CK_WorkingHours_Order" CHECK ("EndsAt" > "StartsAt"),
    CONSTRAINT "FK_WorkingHours_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_WorkingHours_SchedulableResources_ResourceId" FOREIGN KEY ("ResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AppointmentChanges_AppointmentId_OccurredAt" ON "AppointmentChanges" ("AppointmentId", "OccurredAt");

CREATE INDEX "IX_Appointments_AppointmentTypeId" ON "Appointments" ("AppointmentTypeId");

CREATE INDEX "IX_Appointments_LocationId_StartsAt" ON "Appointments" ("LocationId", "StartsAt");

CREATE INDEX "IX_Appointments_PatientId_StartsAt" ON "Appointments" ("PatientId", "StartsAt");

CREATE INDEX "IX_Appointments_SeriesId" ON "Appointments" ("SeriesId");

CREATE INDEX "IX_AppointmentTypeRequirements_AppointmentTypeId" ON "AppointmentTypeRequirements" ("AppointmentTypeId");

CREATE INDEX "IX_ResourceBookings_AppointmentId" ON "ResourceBookings" ("AppointmentId");

CREATE INDEX "IX_ResourceBookings_ResourceId_StartsAt" ON "ResourceBookings" ("ResourceId", "StartsAt");

CREATE INDEX "IX_SchedulableResources_LocationId_Kind" ON "SchedulableResources" ("LocationId", "Kind");

CREATE UNIQUE INDEX "IX_SchedulableResources_ProviderId" ON "SchedulableResources" ("ProviderId");

CREATE UNIQUE INDEX "IX_SchedulableResources_RoomId" ON "SchedulableResources" ("RoomId");

CREATE INDEX "IX_ScheduleBlocks_LocationId_StartsAt" ON "ScheduleBlocks" ("LocationId", "StartsAt");

CREATE INDEX "IX_ScheduleBlocks_ResourceId_StartsAt" ON "ScheduleBlocks" ("ResourceId", "StartsAt");

CREATE INDEX "IX_WorkingHours_LocationId" ON "WorkingHours" ("LocationId");

CREATE INDEX "IX_WorkingHours_ResourceId_DayOfWeek" ON "WorkingHours" ("ResourceId", "DayOfWeek");

-- No two active bookings of one resource may overlap. SQLite has no exclusion constraints; these triggers run inside
-- the writer's transaction (SQLite has one writer at a time), so concurrent bookings cannot both pass.
CREATE TRIGGER "TR_ResourceBookings_NoOverlapInsert" BEFORE INSERT ON "ResourceBookings"
WHEN NEW."IsActive" AND EXISTS (
    SELECT 1 FROM "ResourceBookings" b
    WHERE b."ResourceId" = NEW."ResourceId" AND b."IsActive" AND b."StartsAt" < NEW."EndsAt" AND NEW."StartsAt" < b."EndsAt")
BEGIN
    SELECT RAISE(ABORT, 'resource_double_booked');
END;

CREATE TRIGGER "TR_ResourceBookings_NoOverlapUpdate" BEFORE UPDATE ON "ResourceBookings"
WHEN NEW."IsActive" AND EXISTS (
    SELECT 1 FROM "ResourceBookings" b
    WHERE b."Id" <> NEW."Id" AND b."ResourceId" = NEW."ResourceId" AND b."IsActive" AND b."StartsAt" < NEW."EndsAt" AND NEW."StartsAt" < b."EndsAt")
BEGIN
    SELECT RAISE(ABORT, 'resource_double_booked');
END;
