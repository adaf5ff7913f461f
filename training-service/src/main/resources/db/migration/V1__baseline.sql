-- training-service owns this database alone; no other service reads or writes it.
COMMENT ON SCHEMA public IS 'Miaopu training-service: The training ledger of backbone talent (骨干人才培训), in person-times (人次)';
