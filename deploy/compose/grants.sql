-- After every migration (deploy/README.md, Protecting the audit): the app reads and writes, but may not rewrite
-- the audit and the access log; the triggers refuse it too, and the app does not own the tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO oppfolging_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO oppfolging_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvents", "AuditSubjects", "AuditEventSeals", "AccessLog", "AccessLogSeals" FROM oppfolging_app;
