-- CreateTable
CREATE TABLE "SenderLease" (
    "senderKey" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SenderLease_pkey" PRIMARY KEY ("senderKey")
);

-- CreateTable
CREATE TABLE "SendSlot" (
    "slotKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SendSlot_pkey" PRIMARY KEY ("slotKey")
);

-- CreateIndex
CREATE INDEX "SendSlot_createdAt_idx" ON "SendSlot"("createdAt");
