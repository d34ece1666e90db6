-- 0007: appointment reminders. The office's reminder rules (minutes before a visit), an outbox of messages written in
-- the same database as the appointments (so a crash loses none; OutboxProcessor explains how none is sent twice), and the
-- confirm/cancel links sent in them, of which only a hash of the token is kept.
CREATE TABLE "ReminderRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReminderRules" PRIMARY KEY AUTOINCREMENT,
    "MinutesBefore" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "CK_ReminderRules_MinutesBefore" CHECK ("MinutesBefore" BETWEEN 15 AND 43200)
);
CREATE TABLE "OutboxMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY AUTOINCREMENT,
    "Channel" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "AppointmentId" INTEGER NULL,
    "AppointmentStartsAt" TEXT NULL,
    "ReminderRuleId" INTEGER NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "DueAt" TEXT NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "ClaimToken" TEXT NULL,
    "LeaseUntil" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    CONSTRAINT "CK_OutboxMessages_Attempts" CHECK ("Attempts" >= 0),
    CONSTRAINT "CK_OutboxMessages_Channel" CHECK ("Channel" IN ('Email','Sms')),
    CONSTRAINT "CK_OutboxMessages_Status" CHECK ("Status" IN ('Pending','Sending','Sent','Failed','Cancelled')),
    CONSTRAINT "FK_OutboxMessages_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OutboxMessages_ReminderRules_ReminderRuleId" FOREIGN KEY ("ReminderRuleId") REFERENCES "ReminderRules" ("Id") ON DELETE SET NULL
);
CREATE TABLE "ReminderLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReminderLinks" PRIMARY KEY AUTOINCREMENT,
    "AppointmentId" INTEGER NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "AppointmentStartsAt" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    CONSTRAINT "FK_ReminderLinks_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_OutboxMessages_AppointmentId" ON "OutboxMessages" ("AppointmentId");
CREATE UNIQUE INDEX "IX_OutboxMessages_IdempotencyKey" ON "OutboxMessages" ("IdempotencyKey");
CREATE INDEX "IX_OutboxMessages_ReminderRuleId" ON "OutboxMessages" ("ReminderRuleId");
CREATE INDEX "IX_OutboxMessages_Status_NextAttemptAt" ON "OutboxMessages" ("Status", "NextAttemptAt");
CREATE INDEX "IX_ReminderLinks_AppointmentId" ON "ReminderLinks" ("AppointmentId");
CREATE UNIQUE INDEX "IX_ReminderLinks_TokenHash" ON "ReminderLinks" ("TokenHash");
CREATE UNIQUE INDEX "IX_ReminderRules_MinutesBefore" ON "ReminderRules" ("MinutesBefore");

-- Every office starts with reminders two days and two hours before a visit; nothing is sent until a sender is configured.
INSERT INTO "ReminderRules" ("MinutesBefore", "IsActive") VALUES (2880, 1), (120, 1);
