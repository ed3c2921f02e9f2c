// Migration 15: a dossier keeps the procedure it was received under (issue 21).
//
// dossiers.procedure_snapshot: the procedure's entry in the catalogue in force when the dossier was
// received (its components, which are required, which documents satisfy them), with the
// catalogue's version, as JSON. The rates and the checklist judge a dossier by it, so a new
// catalogue applies to new dossiers and never rewrites what was counted. Dossiers received before
// this version have none: they are judged by the catalogue of the day (the best the station knows).
import type { Migration } from '../migrations';

export const dossierProcedureSnapshotMigration: Migration = {
  version: 15,
  name: 'dossiers keep the procedure they were received under',
  up(db) {
    db.exec('ALTER TABLE dossiers ADD COLUMN procedure_snapshot TEXT');
  },
};
