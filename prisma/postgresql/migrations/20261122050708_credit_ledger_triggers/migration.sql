-- The ledger is the only way credits move. Each row's delta is applied to "User"."balance" by the
-- same statement that inserts it (the row lock makes concurrent inserts queue); a result below
-- zero aborts the insert; rows never change. So the balance always equals the ledger sum and can
-- never go negative, whatever the concurrency or whichever process writes.
CREATE FUNCTION "credit_ledger_apply"() RETURNS trigger AS $$
DECLARE
  new_balance integer;
BEGIN
  UPDATE "User" SET "balance" = "balance" + NEW."delta"
   WHERE "id" = NEW."userId" AND "balance" + NEW."delta" >= 0
  RETURNING "balance" INTO new_balance;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insufficient_credits' USING ERRCODE = 'P0001';
  END IF;
  NEW."balanceAfter" := new_balance;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CreditLedger_apply" BEFORE INSERT ON "CreditLedger"
  FOR EACH ROW EXECUTE FUNCTION "credit_ledger_apply"();

CREATE FUNCTION "credit_ledger_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger_is_append_only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CreditLedger_append_only" BEFORE UPDATE OR DELETE ON "CreditLedger"
  FOR EACH ROW EXECUTE FUNCTION "credit_ledger_append_only"();

ALTER TABLE "User" ADD CONSTRAINT "User_balance_nonnegative" CHECK ("balance" >= 0);
