// The row rules at scale: an officer's list is built from their own rows by index, never by testing
// every document of the station (an archive back-file holds a million). Checked on SQLite's own
// query plan, with the repository's very SQL — not by timing.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { documentCondition, withCondition } from '../../electron/core/auth/row-rules';
import { SUMMARY_SELECT } from '../../electron/core/records/document-rows';
import { migrate } from '../../electron/core/records/migrations';

const officer = { userId: 'u-mai', name: 'Trần Thị Mai', role: 'officer' as const };

function planOf(sql: string, params: Record<string, unknown>): string {
  const db = new Database(':memory:');
  try {
    migrate(db);
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  } finally {
    db.close();
  }
}

describe('row rules at scale', () => {
  it('lists an officer’s documents from the index of their own work', () => {
    const visible = documentCondition(officer, 'read')!;
    const plan = planOf(`${SUMMARY_SELECT} ${withCondition([], visible)} ORDER BY d.created_at DESC, d.id DESC LIMIT 100`, { ...visible.params });
    expect(plan).toContain('USING INDEX documents_by_creator (created_by=?)');
    expect(plan).toMatch(/SEARCH d USING INDEX sqlite_autoindex_documents_1 \(id=\?\)/);
    expect(plan).not.toMatch(/SCAN d\b/);
  });

  it('checks one document by its key, whoever asks', () => {
    for (const access of ['read', 'write', 'delete'] as const) {
      const rule = documentCondition(officer, access)!;
      expect(planOf(`SELECT 1 FROM documents d ${withCondition(['d.id = @id'], rule)}`, { ...rule.params, id: 'x' }), access).toMatch(/SEARCH d USING (COVERING )?INDEX sqlite_autoindex_documents_1 \(id=\?\)/);
    }
  });
});
