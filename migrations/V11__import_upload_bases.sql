-- The revision each file's manual was at when the preview was shown ("path\tnumber" lines):
-- confirming saves from those, so a change made meanwhile is a conflict, never overwritten.
alter table import_upload add column bases varchar not null default '';
