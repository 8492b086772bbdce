-- CreateTable
CREATE TABLE "ReservationSweep" (
    "id" INTEGER NOT NULL,
    "through" TEXT NOT NULL,

    CONSTRAINT "ReservationSweep_pkey" PRIMARY KEY ("id")
);
