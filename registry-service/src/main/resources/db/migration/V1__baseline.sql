-- registry-service owns this database alone; no other service reads or writes it.
COMMENT ON SCHEMA public IS 'Miaopu registry-service: Registration (登记) and filing (备案) of community social organizations, their lifecycle and records';
