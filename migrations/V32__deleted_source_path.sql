-- A deleted manual lets go of its import path (importing the file again then makes a new manual
-- rather than updating one nobody sees), but keeps it here, so that an administrator's restore
-- puts it back: links between imported files, the export's file name and the next import of the
-- folder all depend on it.
alter table manual add column deleted_source_path varchar;
