-- 0015: a version of the schedule set-up, so app nodes can cache what the availability rules read (locations, resources,
-- working hours, blocks, appointment types and what they require) and still see every change at once. Any write to those
-- tables, by any node, any statement (EF, ExecuteDelete, a hand-run UPDATE) gives the one row a new random value inside the
-- writer's transaction: readers see the new value exactly when they can see the change. Random, not a counter, so a
-- rolled-back change can never come back as "the same version" later.
CREATE TABLE "ScheduleSetupVersions" (
    "Id" integer NOT NULL,
    "Version" bigint NOT NULL,
    CONSTRAINT "PK_ScheduleSetupVersions" PRIMARY KEY ("Id")
);

INSERT INTO "ScheduleSetupVersions" ("Id", "Version") VALUES (1, floor(random() * 9007199254740991)::bigint);

CREATE FUNCTION schedule_setup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "ScheduleSetupVersions" SET "Version" = floor(random() * 9007199254740991)::bigint WHERE "Id" = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER "TR_Locations_SetupChanged" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Locations"
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_setup_changed();
CREATE TRIGGER "TR_SchedulableResources_SetupChanged" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SchedulableResources"
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_setup_changed();
CREATE TRIGGER "TR_WorkingHours_SetupChanged" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "WorkingHours"
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_setup_changed();
CREATE TRIGGER "TR_ScheduleBlocks_SetupChanged" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ScheduleBlocks"
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_setup_changed();
CREATE TRIGGER "TR_AppointmentTypes_SetupChanged" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AppointmentTypes"
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_setup_changed();
CREATE TRIGGER "TR_AppointmentTypeRequirements_SetupChanged" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AppointmentTypeRequirements"
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_setup_changed();

-- Bookings are read in small index ranges, many times a second (every booking plan, every search for openings). Once such
-- a read spans many resources its estimated cost can tip the planner into a parallel plan, whose workers take milliseconds
-- to start for a fraction of a millisecond of work (measured: 4 ms of start-up for 0.2 ms of scanning). No parallel scans here.
ALTER TABLE "ResourceBookings" SET (parallel_workers = 0);
