-- 0008: staff meetings and calendar feeds. A meeting (title, location, room, local time, optional recurrence) with its
-- attendees; the Meeting blocks it holds on room and provider calendars are linked so cancelling removes exactly those.
-- Feed tokens let a phone subscribe to one provider's or room's calendar; only the token's SHA-256 is stored.
CREATE TABLE "StaffMeetings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StaffMeetings" PRIMARY KEY AUTOINCREMENT,
    "CalendarUid" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "LocationId" INTEGER NOT NULL,
    "RoomResourceId" INTEGER NULL,
    "FirstDate" TEXT NOT NULL,
    "LocalStartTime" TEXT NOT NULL,
    "DurationMinutes" INTEGER NOT NULL,
    "Frequency" TEXT NULL,
    "Interval" INTEGER NOT NULL,
    "Weekdays" TEXT NOT NULL,
    "UntilDate" TEXT NULL,
    "Count" INTEGER NULL,
    "OrganizerUserId" INTEGER NULL,
    "OrganizerName" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "CancelledAt" TEXT NULL,
    CONSTRAINT "CK_StaffMeetings_Duration" CHECK ("DurationMinutes" BETWEEN 5 AND 720),
    CONSTRAINT "CK_StaffMeetings_End" CHECK ("Frequency" IS NULL OR "UntilDate" IS NOT NULL OR "Count" IS NOT NULL),
    CONSTRAINT "CK_StaffMeetings_Frequency" CHECK ("Frequency" IS NULL OR "Frequency" IN ('Daily','Weekly','MonthlyByDate')),
    CONSTRAINT "CK_StaffMeetings_Interval" CHECK ("Interval" BETWEEN 1 AND 52),
    CONSTRAINT "FK_StaffMeetings_Locations_LocationId" FOREIGN KEY ("LocationId") REFERENCES "Locations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_StaffMeetings_SchedulableResources_RoomResourceId" FOREIGN KEY ("RoomResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_StaffMeetings_Users_OrganizerUserId" FOREIGN KEY ("OrganizerUserId") REFERENCES "Users" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "StaffMeetingAttendees" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StaffMeetingAttendees" PRIMARY KEY AUTOINCREMENT,
    "MeetingId" INTEGER NOT NULL,
    "UserId" INTEGER NULL,
    "ProviderResourceId" INTEGER NULL,
    CONSTRAINT "CK_StaffMeetingAttendees_Who" CHECK ("UserId" IS NOT NULL OR "ProviderResourceId" IS NOT NULL),
    CONSTRAINT "FK_StaffMeetingAttendees_SchedulableResources_ProviderResourceId" FOREIGN KEY ("ProviderResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_StaffMeetingAttendees_StaffMeetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES "StaffMeetings" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_StaffMeetingAttendees_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE RESTRICT
);
CREATE TABLE "StaffMeetingBlocks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StaffMeetingBlocks" PRIMARY KEY AUTOINCREMENT,
    "MeetingId" INTEGER NOT NULL,
    "ScheduleBlockId" INTEGER NOT NULL,
    CONSTRAINT "FK_StaffMeetingBlocks_ScheduleBlocks_ScheduleBlockId" FOREIGN KEY ("ScheduleBlockId") REFERENCES "ScheduleBlocks" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_StaffMeetingBlocks_StaffMeetings_MeetingId" FOREIGN KEY ("MeetingId") REFERENCES "StaffMeetings" ("Id") ON DELETE CASCADE
);
CREATE TABLE "FeedTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FeedTokens" PRIMARY KEY AUTOINCREMENT,
    "ResourceId" INTEGER NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "RevokedBy" TEXT NULL,
    CONSTRAINT "FK_FeedTokens_SchedulableResources_ResourceId" FOREIGN KEY ("ResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_FeedTokens_ResourceId" ON "FeedTokens" ("ResourceId");
CREATE UNIQUE INDEX "IX_FeedTokens_TokenHash" ON "FeedTokens" ("TokenHash");
CREATE INDEX "IX_StaffMeetingAttendees_MeetingId" ON "StaffMeetingAttendees" ("MeetingId");
CREATE INDEX "IX_StaffMeetingAttendees_ProviderResourceId" ON "StaffMeetingAttendees" ("ProviderResourceId");
CREATE INDEX "IX_StaffMeetingAttendees_UserId" ON "StaffMeetingAttendees" ("UserId");
CREATE INDEX "IX_StaffMeetingBlocks_MeetingId" ON "StaffMeetingBlocks" ("MeetingId");
CREATE UNIQUE INDEX "IX_StaffMeetingBlocks_ScheduleBlockId" ON "StaffMeetingBlocks" ("ScheduleBlockId");
CREATE UNIQUE INDEX "IX_StaffMeetings_CalendarUid" ON "StaffMeetings" ("CalendarUid");
CREATE INDEX "IX_StaffMeetings_LocationId_FirstDate" ON "StaffMeetings" ("LocationId", "FirstDate");
CREATE INDEX "IX_StaffMeetings_OrganizerUserId" ON "StaffMeetings" ("OrganizerUserId");
CREATE INDEX "IX_StaffMeetings_RoomResourceId" ON "StaffMeetings" ("RoomResourceId");
