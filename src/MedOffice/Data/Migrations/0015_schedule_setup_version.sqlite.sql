-- 0015: a version of the schedule set-up, so the app can cache what the availability rules read (locations, resources,
-- working hours, blocks, appointment types and what they require) and still see every change at once. Any write to those
-- tables, by any statement, gives the one row a new random value inside the writer's transaction. Random, not a counter,
-- so a rolled-back change can never come back as "the same version" later.
CREATE TABLE "ScheduleSetupVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScheduleSetupVersions" PRIMARY KEY,
    "Version" INTEGER NOT NULL
);

INSERT INTO "ScheduleSetupVersions" ("Id", "Version") VALUES (1, random());

CREATE TRIGGER "TR_Locations_SetupChangedInsert" AFTER INSERT ON "Locations"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_Locations_SetupChangedUpdate" AFTER UPDATE ON "Locations"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_Locations_SetupChangedDelete" AFTER DELETE ON "Locations"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_SchedulableResources_SetupChangedInsert" AFTER INSERT ON "SchedulableResources"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_SchedulableResources_SetupChangedUpdate" AFTER UPDATE ON "SchedulableResources"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_SchedulableResources_SetupChangedDelete" AFTER DELETE ON "SchedulableResources"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_WorkingHours_SetupChangedInsert" AFTER INSERT ON "WorkingHours"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_WorkingHours_SetupChangedUpdate" AFTER UPDATE ON "WorkingHours"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_WorkingHours_SetupChangedDelete" AFTER DELETE ON "WorkingHours"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_ScheduleBlocks_SetupChangedInsert" AFTER INSERT ON "ScheduleBlocks"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_ScheduleBlocks_SetupChangedUpdate" AFTER UPDATE ON "ScheduleBlocks"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_ScheduleBlocks_SetupChangedDelete" AFTER DELETE ON "ScheduleBlocks"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_AppointmentTypes_SetupChangedInsert" AFTER INSERT ON "AppointmentTypes"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_AppointmentTypes_SetupChangedUpdate" AFTER UPDATE ON "AppointmentTypes"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_AppointmentTypes_SetupChangedDelete" AFTER DELETE ON "AppointmentTypes"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_AppointmentTypeRequirements_SetupChangedInsert" AFTER INSERT ON "AppointmentTypeRequirements"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_AppointmentTypeRequirements_SetupChangedUpdate" AFTER UPDATE ON "AppointmentTypeRequirements"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;

CREATE TRIGGER "TR_AppointmentTypeRequirements_SetupChangedDelete" AFTER DELETE ON "AppointmentTypeRequirements"
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = random() WHERE "Id" = 1;
END;
