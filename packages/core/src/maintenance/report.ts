/** What one maintenance sweep did. */
export interface MaintenanceReport {
  /** Connections the due-time index returned. */
  due: number;
  /** Refreshed: refresh-token keep-alive, warm access tokens, retries after a cool-down. */
  refreshed: number;
  /** Static credentials the provider's verify call was asked about. */
  verified: number;
  /** Handled by another instance meanwhile (its lock), or no longer due. */
  skipped: number;
  /** The work failed (recorded on the connection: health, or a new status). */
  failed: number;
  /** Store operations the sweep made (the index read, locks, reads): the cost of finding work. */
  storeOperations: number;
  durationMs: number;
}
