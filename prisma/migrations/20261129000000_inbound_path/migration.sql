-- Inbound updates: keys scoped to the bot, a fingerprint to tell a platform's reused id from a repeat,
-- and no payload once handled (stored payloads could hold typed invitation codes). Updates left pending
-- by an older version cannot be replayed by this one: they are closed as failed.
CREATE TABLE "new_InboundUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "botKey" TEXT NOT NULL DEFAULT '',
    "updateKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "payload" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);
INSERT INTO "new_InboundUpdate" ("id", "channel", "botKey", "updateKey", "fingerprint", "payload", "status", "receivedAt", "processedAt")
SELECT "id", "channel", '', "updateKey", '', NULL, CASE WHEN "status" = 'pending' THEN 'failed' ELSE "status" END, "receivedAt", "processedAt" FROM "InboundUpdate";
DROP TABLE "InboundUpdate";
ALTER TABLE "new_InboundUpdate" RENAME TO "InboundUpdate";

-- CreateIndex
CREATE INDEX "InboundUpdate_status_idx" ON "InboundUpdate"("status");

-- CreateIndex
CREATE INDEX "InboundUpdate_receivedAt_idx" ON "InboundUpdate"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundUpdate_channel_botKey_updateKey_key" ON "InboundUpdate"("channel", "botKey", "updateKey");

-- CreateTable
CREATE TABLE "CacheVersion" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "CacheVersion" ("name", "value") VALUES ('directory', 0);

-- Triggers: any change to who someone is, what they may do, or where (from this process, the command
-- line or another worker) raises the directory's version; a unit's stored report raises that unit's
-- reports' version ('submissions:<unit id>'), so other units' cached reports stay valid.
CREATE TRIGGER "cache_contact_insert" AFTER INSERT ON "Contact" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_contact_update" AFTER UPDATE OF "name", "locale", "active" ON "Contact" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_contact_delete" AFTER DELETE ON "Contact" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_role_insert" AFTER INSERT ON "Role" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_role_update" AFTER UPDATE ON "Role" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_role_delete" AFTER DELETE ON "Role" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_unit_insert" AFTER INSERT ON "Unit" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_unit_update" AFTER UPDATE OF "code", "name", "kind", "parentId", "active" ON "Unit" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_unit_delete" AFTER DELETE ON "Unit" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_identity_insert" AFTER INSERT ON "ChannelIdentity" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_identity_update" AFTER UPDATE OF "contactId", "channel", "userId", "unreachableAt" ON "ChannelIdentity" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_identity_delete" AFTER DELETE ON "ChannelIdentity" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_submission_insert" AFTER INSERT ON "Submission" BEGIN
  INSERT INTO "CacheVersion" ("name", "value") VALUES ('submissions:' || NEW."unitId", 1) ON CONFLICT ("name") DO UPDATE SET "value" = "value" + 1;
END;
CREATE TRIGGER "cache_submission_update" AFTER UPDATE ON "Submission" BEGIN
  INSERT INTO "CacheVersion" ("name", "value") VALUES ('submissions:' || NEW."unitId", 1) ON CONFLICT ("name") DO UPDATE SET "value" = "value" + 1;
END;
CREATE TRIGGER "cache_submission_delete" AFTER DELETE ON "Submission" BEGIN
  INSERT INTO "CacheVersion" ("name", "value") VALUES ('submissions:' || OLD."unitId", 1) ON CONFLICT ("name") DO UPDATE SET "value" = "value" + 1;
END;
