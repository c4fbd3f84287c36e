import { DomainError } from '../../shared/errors/domain.error';

/** The changes after this cursor have been purged in part: reading on would skip some without a word. */
export class CursorExpiredError extends DomainError {
  constructor(retentionDays?: number) {
    const kept = retentionDays ? `the last ${retentionDays} days of changes are kept` : 'older changes have been removed';
    super(
      'CURSOR_EXPIRED',
      `This cursor is older than the feed keeps (${kept}). Resync: fetch your records in full again, then read the feed from since: null.`,
      { field: 'since' },
    );
  }
}
