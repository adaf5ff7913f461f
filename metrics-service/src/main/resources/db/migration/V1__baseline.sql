-- metrics-service owns this database alone; no other service reads or writes it.
COMMENT ON SCHEMA public IS 'Miaopu metrics-service: The plan''s targets as data, their live progress and drill-down, and the government data-exchange feed';
