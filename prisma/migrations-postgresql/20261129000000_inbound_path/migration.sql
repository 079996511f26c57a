-- Inbound updates: keys scoped to the bot, a fingerprint to tell a platform's reused id from a repeat,
-- and no payload once handled (stored payloads could hold typed invitation codes). Updates left pending
-- by an older version cannot be replayed by this one: they are closed as failed.
DROP INDEX "InboundUpdate_channel_updateKey_key";
ALTER TABLE "InboundUpdate" ADD COLUMN "botKey" TEXT NOT NULL DEFAULT '',
    ADD COLUMN "fingerprint" TEXT NOT NULL DEFAULT '',
    ALTER COLUMN "payload" DROP NOT NULL;
UPDATE "InboundUpdate" SET "payload" = NULL, "status" = CASE WHEN "status" = 'pending' THEN 'failed' ELSE "status" END;

-- CreateIndex
CREATE INDEX "InboundUpdate_receivedAt_idx" ON "InboundUpdate"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundUpdate_channel_botKey_updateKey_key" ON "InboundUpdate"("channel", "botKey", "updateKey");

-- CreateTable
CREATE TABLE "CacheVersion" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CacheVersion_pkey" PRIMARY KEY ("name")
);
INSERT INTO "CacheVersion" ("name", "value") VALUES ('directory', 0);

-- Triggers: any change to who someone is, what they may do, or where (from this process, the command
-- line or another worker) raises the directory's version; a unit's stored report raises that unit's
-- reports' version ('submissions:<unit id>'), so other units' cached reports stay valid.
CREATE FUNCTION "bump_cache_version"() RETURNS trigger AS $$
BEGIN
  UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = TG_ARGV[0];
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "cache_contact_change" AFTER INSERT OR DELETE ON "Contact" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
CREATE TRIGGER "cache_contact_update" AFTER UPDATE OF "name", "locale", "active" ON "Contact" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
CREATE TRIGGER "cache_role_change" AFTER INSERT OR UPDATE OR DELETE ON "Role" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
CREATE TRIGGER "cache_unit_change" AFTER INSERT OR DELETE ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
CREATE TRIGGER "cache_unit_update" AFTER UPDATE OF "code", "name", "kind", "parentId", "active" ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
CREATE TRIGGER "cache_identity_change" AFTER INSERT OR DELETE ON "ChannelIdentity" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
CREATE TRIGGER "cache_identity_update" AFTER UPDATE OF "contactId", "channel", "userId", "unreachableAt" ON "ChannelIdentity" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
CREATE FUNCTION "bump_unit_reports_version"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "CacheVersion" ("name", "value") VALUES ('submissions:' || COALESCE(NEW."unitId", OLD."unitId"), 1)
    ON CONFLICT ("name") DO UPDATE SET "value" = "CacheVersion"."value" + 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "cache_submission_change" AFTER INSERT OR UPDATE OR DELETE ON "Submission" FOR EACH ROW EXECUTE FUNCTION "bump_unit_reports_version"();
