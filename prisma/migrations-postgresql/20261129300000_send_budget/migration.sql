-- The shared send budget: one row per bucket (a platform, or one chat on it) holding when it may next
-- be used, instead of one row per taken slot. Slots are transient, so the old table is dropped.
DROP TABLE "SendSlot";

-- CreateTable
CREATE TABLE "SendBudget" (
    "bucket" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendBudget_pkey" PRIMARY KEY ("bucket")
);

-- CreateIndex
CREATE INDEX "SendBudget_at_idx" ON "SendBudget"("at");
