/** Every row of a keyset-paged journal read, a page at a time (the journal hands out at most 10,000 per call). */
export function allPages<R>(read: (last: R | undefined, limit: number) => R[], pageSize = 10_000): R[] {
  const rows: R[] = [];
  for (;;) {
    const page = read(rows[rows.length - 1], pageSize);
    rows.push(...page);
    if (page.length < pageSize) return rows;
  }
}
