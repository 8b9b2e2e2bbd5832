// Uniqueness of the domain id of SIM: a SIM card, id is the IMSI.
CREATE CONSTRAINT sim_id IF NOT EXISTS
FOR (n:SIM) REQUIRE n.id IS UNIQUE
